import { aSubscription, aTenant, CREATE_SUBSCRIPTION, subscriptionInput } from '../support/arrange';
import { startGraph, type TestGraph } from '../support/start-graph';
import { ANALYTICS, customer } from '../support/tokens';

/**
 * R39 end to end: quantities beyond their documented bound are refused (BAD_USER_INPUT)
 * and change nothing; what the bounds accept answers exactly, amounts past 2^31 included.
 */
const POOL = `query ($t: ID!, $a: String!) { tenant(id: $t) { addOnPool(addOnKey: $a) { purchased assigned available } } }`;
const UPCOMING = `query ($s: ID!, $at: DateTime) { subscription(id: $s) { upcomingInvoice(at: $at) { subtotal { amountMinor } lineItems { kind quantity amount { amountMinor } } } } }`;
const OVERAGE = `query ($t: ID!, $u: UsageType!, $from: DateTime!, $to: DateTime!) { tenant(id: $t) { overage(usageType: $u, from: $from, to: $to) { entitled used overage } } }`;
const UTILIZATION = `query ($a: String!) { analytics { addOnUtilization(addOnKey: $a) { tenants purchased assigned } } }`;
const RECORD = `mutation ($input: RecordUsageInput!) { recordUsage(input: $input) { quantity } }`;

describe('R39: exact and bounded numbers, through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  it('R39: 2,147,483,647 WhatsApp licences are refused, and the tenant and every other stay readable', async () => {
    const tenantId = await aTenant(graph, { name: 'Overflowing tenant' });
    const subscriptionId = await aSubscription(graph, tenantId, { planKey: 'aircall_professional', telephony: 'BUNDLED_PSTN', addOns: [{ addOnKey: 'whatsapp', quantity: 3 }] });
    const huge = await graph.query(CREATE_SUBSCRIPTION, {
      input: subscriptionInput(tenantId, { planKey: 'aircall_professional', telephony: 'BUNDLED_PSTN', addOns: [{ addOnKey: 'whatsapp', quantity: 2_147_483_647 }] }),
    });
    expect(huge.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/whatsapp must be a whole number from 0 to 100,000/) });
    // One past the bound is refused, the bound itself is taken.
    expect(await graph.errorCode(CREATE_SUBSCRIPTION, { input: subscriptionInput(tenantId, { planKey: 'aircall_professional', telephony: 'BUNDLED_PSTN', addOns: [{ addOnKey: 'whatsapp', quantity: 100_001 }] }) })).toBe('BAD_USER_INPUT');
    await aSubscription(graph, tenantId, { name: 'Largest', planKey: 'aircall_professional', telephony: 'BUNDLED_PSTN', addOns: [{ addOnKey: 'whatsapp', quantity: 100_000 }] });

    expect((await graph.ok(POOL, { t: tenantId, a: 'whatsapp' })).tenant.addOnPool).toEqual({ purchased: 100_003, assigned: 0, available: 100_003 });
    expect((await graph.ok(UPCOMING, { s: subscriptionId, at: '2026-06-10T00:00:00Z' }, customer(tenantId, 'OWNER'))).subscription.upcomingInvoice.subtotal.amountMinor).toBeGreaterThan(0);
    const utilization = (await graph.ok(UTILIZATION, { a: 'whatsapp' }, ANALYTICS)).analytics.addOnUtilization;
    expect(utilization.purchased).toBeGreaterThanOrEqual(100_003);
  });

  it('R39: a tenant holds at most 1,000,000 seats of a type across its subscriptions, each at its largest term', async () => {
    const tenantId = await aTenant(graph, { name: 'Seat-heavy tenant' });
    const seats = (quantity: number, name: string) => subscriptionInput(tenantId, { name, items: [{ usageType: 'AGENT_STANDARD', quantity }] });
    expect(await graph.errorCode(CREATE_SUBSCRIPTION, { input: seats(100_001, 'Too many in one') })).toBe('BAD_USER_INPUT');
    for (let i = 0; i < 10; i++) await graph.ok(CREATE_SUBSCRIPTION, { input: seats(100_000, `Department ${i}`) });
    const eleventh = await graph.query(CREATE_SUBSCRIPTION, { input: seats(1, 'One more') });
    expect(eleventh.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/at most 1,000,000 AGENT_STANDARD seats/) });
    const subscriptions = (await graph.ok(`query ($t: ID!) { tenant(id: $t) { subscriptions { id } } }`, { t: tenantId })).tenant.subscriptions;
    expect(subscriptions).toHaveLength(10);
  });

  it('R39: an annual invoice past 2^31 cents is answered to the cent', async () => {
    const tenantId = await aTenant(graph, { name: 'Large annual tenant' });
    // 100,000 agents at 50.00 a month, billed yearly: 60,000,000.00, 6,000,000,000 cents (2^31 is 2,147,483,648).
    const subscriptionId = await aSubscription(graph, tenantId, {
      planKey: 'aircall_professional',
      telephony: 'BUNDLED_PSTN',
      billingInterval: 'ANNUAL',
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: '2028-01-01T00:00:00Z',
      items: [{ usageType: 'AGENT_STANDARD', quantity: 100_000 }],
    });
    const upcoming = (await graph.ok(UPCOMING, { s: subscriptionId, at: '2026-06-10T00:00:00Z' }, customer(tenantId, 'OWNER'))).subscription.upcomingInvoice;
    expect(upcoming.lineItems).toEqual([{ kind: 'PLAN_SEATS', quantity: 100_000, amount: { amountMinor: 6_000_000_000 } }]);
    expect(upcoming.subtotal.amountMinor).toBe(6_000_000_000);
  });

  it('R39: a reading has a bound, and so has a month of metered usage; a longer period sums past 2^31 exactly', async () => {
    const tenantId = await aTenant(graph, { name: 'Metered tenant' });
    await aSubscription(graph, tenantId, { items: [{ usageType: 'AGENT_STANDARD', quantity: 10 }, { usageType: 'AI_AGENT', quantity: 1_000 }] });
    const reading = (usageType: string, quantity: number, at: string) => graph.query(RECORD, { input: { tenantId, usageType, quantity, at } });
    expect((await reading('AGENT_STANDARD', 1_000_001, '2026-01-10T00:00:00Z')).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await reading('AI_AGENT', 1_000_000_001, '2026-01-10T00:00:00Z')).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const month of ['01', '02']) {
      for (let i = 0; i < 2; i++) expect((await reading('AI_AGENT', 1_000_000_000, `2026-${month}-1${i}T00:00:00Z`)).body.errors).toBeUndefined();
    }
    // January holds 2,000,000,000: one more unit in it is refused, in March it is taken.
    const refused = await reading('AI_AGENT', 1, '2026-01-31T23:59:59Z');
    expect(refused.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/AI_AGENT usage in 2026-01 would pass 2,000,000,000/) });
    expect((await reading('AI_AGENT', 1, '2026-03-01T00:00:00Z')).body.errors).toBeUndefined();
    const overage = (await graph.ok(OVERAGE, { t: tenantId, u: 'AI_AGENT', from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' })).tenant.overage;
    expect(overage).toEqual({ entitled: 1_000, used: 4_000_000_001, overage: 4_000_000_001 - 1_000 });
  });

  it('R39: a bulk assignment names at most 10,000 users; a catalog price at most 1,000,000 minor units a month', async () => {
    const tenantId = await aTenant(graph, { name: 'Bulk tenant' });
    await aSubscription(graph, tenantId, { planKey: 'aircall_professional', telephony: 'BUNDLED_PSTN' });
    const userIds = Array.from({ length: 10_001 }, (_, i) => `usr_${i}`);
    const bulk = await graph.query(`mutation ($input: BulkAssignAddOnInput!) { bulkAssignAddOn(input: $input) { assigned } }`, { input: { tenantId, addOnKey: 'whatsapp', userIds } });
    expect(bulk.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/at most 10,000 users/) });
    const price = await graph.query(`mutation ($input: UpdateAddOnInput!) { updateAddOn(input: $input) { key } }`, { input: { key: 'whatsapp', unitPrice: { amountMinor: 1_000_001, currency: 'USD' } } });
    expect(price.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
