import { aSubscription, aTenant } from '../support/arrange';
import { startGraph, type TestGraph } from '../support/start-graph';
import { customer } from '../support/tokens';

/**
 * Invoicing and self-service purchase (R26 to R31) end to end: the gateway, the four
 * subgraphs, their databases and the events between them. The graph's clock is set, so
 * every prorated amount is exact.
 */

const ACTIONS = `query ($tenantId: ID!, $addOnKey: String!) { tenant(id: $tenantId) { selfServiceActions(addOnKey: $addOnKey) } }`;
const PURCHASE = /* GraphQL */ `
  mutation PurchaseAddOn($input: PurchaseAddOnInput!) {
    purchaseAddOn(input: $input) {
      id addOn { key } quantity purchasedAt source subscription { id }
      prorationInvoice { id periodStart periodEnd subtotal { amountMinor currency } lineItems { kind quantity unitAmount { amountMinor } amount { amountMinor } periodStart periodEnd addOn { key } } }
    }
  }
`;
const INVOICES = /* GraphQL */ `
  query Invoices($tenantId: ID!) {
    tenant(id: $tenantId) {
      invoices {
        id subscription { id } issuedAt periodStart periodEnd subtotal { amountMinor currency }
        lineItems { kind description quantity unitAmount { amountMinor currency } amount { amountMinor currency } periodStart periodEnd usageType addOn { key } }
      }
    }
  }
`;
const POOL = `query ($tenantId: ID!, $addOnKey: String!) { tenant(id: $tenantId) { addOnPool(addOnKey: $addOnKey) { purchased assigned available } } }`;
const PREVIEW = /* GraphQL */ `
  query ($tenantId: ID!, $addOnKey: String!, $userIds: [ID!]!) {
    previewAddOnAssignment(tenantId: $tenantId, addOnKey: $addOnKey, userIds: $userIds) {
      toAssign fromPool toBuy proratedAmount { amountMinor currency } periodStart periodEnd poolAfter { purchased assigned available }
    }
  }
`;
const BULK = /* GraphQL */ `
  mutation ($tenantId: ID!, $addOnKey: String!, $userIds: [ID!]!) {
    bulkAssignAddOn(input: { tenantId: $tenantId, addOnKey: $addOnKey, userIds: $userIds }) { assigned purchased pool { purchased assigned available } }
  }
`;
const RUN_BILLING = `mutation ($tenantId: ID, $at: DateTime!) { runBilling(tenantId: $tenantId, at: $at) { invoicesIssued } }`;
const UPCOMING = /* GraphQL */ `
  query ($subscriptionId: ID!, $at: DateTime) {
    subscription(id: $subscriptionId) {
      upcomingInvoice(at: $at) { periodStart periodEnd subtotal { amountMinor currency } lineItems { kind quantity amount { amountMinor currency } usageType addOn { key } } }
    }
  }
`;
const OVERAGE_LINES = `query ($id: ID!) { subscription(id: $id) { id overageLineItems { kind quantity usageType amount { amountMinor currency } periodStart periodEnd } } }`;
const RECORD_USAGE = `mutation ($input: RecordUsageInput!) { recordUsage(input: $input) { quantity } }`;

type Invoice = {
  id: string;
  subscription: { id: string };
  periodStart: string;
  periodEnd: string;
  subtotal: { amountMinor: number; currency: string };
  lineItems: { kind: string; quantity: number; amount: { amountMinor: number }; unitAmount: { amountMinor: number }; usageType: string | null; addOn: { key: string } | null; periodStart: string; periodEnd: string }[];
};

const sum = (invoice: { lineItems: { amount: { amountMinor: number } }[] }) => invoice.lineItems.reduce((n, l) => n + l.amount.amountMinor, 0);

describe('invoicing and self-service purchase (R26 to R31) through the gateway', () => {
  let graph: TestGraph;
  let now = new Date('2026-03-16T00:00:00Z');
  let tenantId: string;
  let subscriptionId: string;
  const owner = () => customer(tenantId, 'OWNER', 'owner-1');

  beforeAll(async () => {
    graph = await startGraph({ clock: () => now });
    tenantId = await aTenant(graph, { name: 'Aircall customer' });
    subscriptionId = await aSubscription(graph, tenantId, {
      planKey: 'aircall_professional',
      telephony: 'BUNDLED_PSTN',
      items: [{ usageType: 'AGENT_STANDARD', quantity: 10 }],
    });
  });
  afterAll(() => graph.stop());

  async function mappedUsers(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const tag = Math.random().toString(36).slice(2, 10);
      const data = await graph.ok(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
        input: { tenantId, name: `Agent ${tag}`, email: `${tag}@example.com`, role: 'AGENT', subscriptionId },
      });
      ids.push(data.createUser.id);
    }
    return ids;
  }

  it('R30: each role is offered its own actions for an add-on', async () => {
    const actions = async (role: 'OWNER' | 'ADMIN' | 'SUPERVISOR' | 'AGENT') =>
      (await graph.ok(ACTIONS, { tenantId, addOnKey: 'whatsapp' }, customer(tenantId, role))).tenant.selfServiceActions;
    expect(await actions('OWNER')).toEqual(['SUBSCRIBE_NOW', 'REQUEST_QUOTE', 'START_TRIAL']);
    expect(await actions('ADMIN')).toEqual(['REQUEST_QUOTE', 'START_TRIAL', 'REQUEST_FEATURE']);
    expect(await actions('SUPERVISOR')).toEqual(['REQUEST_FEATURE']);
    expect(await actions('AGENT')).toEqual([]);
    expect(await graph.errorCode(ACTIONS, { tenantId, addOnKey: 'no_such_add_on' }, customer(tenantId, 'OWNER'))).toBe('NOT_FOUND');
  });

  it('R30, R31: buying and a trial are offered only where the purchase would be taken: not for an add-on the plan includes or does not offer', async () => {
    const ownerActions = async (addOnKey: string) => (await graph.ok(ACTIONS, { tenantId, addOnKey }, owner())).tenant.selfServiceActions;
    const purchase = (addOnKey: string) => graph.errorCode(PURCHASE, { input: { tenantId, addOnKey, quantity: 1, idempotencyKey: `offer-${addOnKey}` } }, owner());
    // Aircall Professional includes AI Assist; Zoom's virtual agent is no add-on of it.
    expect(await ownerActions('ai_assist')).toEqual(['REQUEST_QUOTE']);
    expect(await purchase('ai_assist')).toBe('ALREADY_PURCHASED');
    expect(await ownerActions('zoom_virtual_agent')).toEqual(['REQUEST_QUOTE']);
    expect(await purchase('zoom_virtual_agent')).toBe('BAD_USER_INPUT');
    expect((await graph.ok(INVOICES, { tenantId }, owner())).tenant.invoices).toEqual([]);
  });

  it('R30: only an owner completes a purchase; an admin, a supervisor and an agent are refused and nothing is bought', async () => {
    for (const role of ['ADMIN', 'SUPERVISOR', 'AGENT'] as const) {
      const input = { tenantId, addOnKey: 'whatsapp', quantity: 1, idempotencyKey: `try-${role}` };
      expect(await graph.errorCode(PURCHASE, { input }, customer(tenantId, role))).toBe('FORBIDDEN');
    }
    expect((await graph.ok(POOL, { tenantId, addOnKey: 'whatsapp' })).tenant.addOnPool.purchased).toBe(0);
  });

  it('R27, R31: an owner buys an add-on once per key; it is invoiced at once, prorated to the cycle end, and joins the pool', async () => {
    const input = { tenantId, addOnKey: 'whatsapp', quantity: 3, idempotencyKey: 'buy-whatsapp-1' };
    const { purchaseAddOn: purchase } = await graph.ok(PURCHASE, { input }, owner());
    expect(purchase).toMatchObject({ addOn: { key: 'whatsapp' }, quantity: 3, purchasedAt: '2026-03-16T00:00:00.000Z', source: 'SELF_SERVICE', subscription: { id: subscriptionId } });
    // 3 × 1000 a month for 16 of March's 31 days: 1548.39 → 1548.
    expect(purchase.prorationInvoice).toMatchObject({
      periodStart: '2026-03-16T00:00:00.000Z',
      periodEnd: '2026-04-01T00:00:00.000Z',
      subtotal: { amountMinor: 1548, currency: 'USD' },
      lineItems: [
        { kind: 'PRORATION', quantity: 3, unitAmount: { amountMinor: 1000 }, amount: { amountMinor: 1548 }, periodStart: '2026-03-16T00:00:00.000Z', periodEnd: '2026-04-01T00:00:00.000Z', addOn: { key: 'whatsapp' } },
      ],
    });
    expect((await graph.ok(POOL, { tenantId, addOnKey: 'whatsapp' })).tenant.addOnPool).toEqual({ purchased: 3, assigned: 0, available: 3 });

    // The same key and payload: the same purchase, nothing doubled.
    const again = await graph.ok(PURCHASE, { input }, owner());
    expect(again.purchaseAddOn.id).toBe(purchase.id);
    // The same key, another payload: CONFLICT. Another key: ALREADY_PURCHASED (R31).
    expect(await graph.errorCode(PURCHASE, { input: { ...input, quantity: 4 } }, owner())).toBe('CONFLICT');
    expect(await graph.errorCode(PURCHASE, { input: { ...input, idempotencyKey: 'buy-whatsapp-2' } }, owner())).toBe('ALREADY_PURCHASED');
    // Included in the plan: already purchased too.
    expect(await graph.errorCode(PURCHASE, { input: { ...input, addOnKey: 'ai_assist', idempotencyKey: 'buy-ai' } }, owner())).toBe('ALREADY_PURCHASED');
    expect(await graph.errorCode(PURCHASE, { input: { ...input, quantity: 0, idempotencyKey: 'zero' } }, owner())).toBe('BAD_USER_INPUT');

    const invoices: Invoice[] = (await graph.ok(INVOICES, { tenantId }, owner())).tenant.invoices;
    expect(invoices).toHaveLength(1);
    expect((await graph.ok(POOL, { tenantId, addOnKey: 'whatsapp' })).tenant.addOnPool.purchased).toBe(3);
    // Bought: the journey no longer offers buying it.
    expect((await graph.ok(ACTIONS, { tenantId, addOnKey: 'whatsapp' }, owner())).tenant.selfServiceActions).toEqual(['REQUEST_QUOTE']);
  });

  it('R31: fifty parallel retries with the same key and payload all answer the one purchase, on every database', async () => {
    const racing = await aTenant(graph, { name: 'Retrying customer' });
    await aSubscription(graph, racing, { planKey: 'aircall_professional', telephony: 'BUNDLED_PSTN', items: [{ usageType: 'AGENT_STANDARD', quantity: 10 }] });
    const input = { tenantId: racing, addOnKey: 'whatsapp', quantity: 2, idempotencyKey: 'retried-on-timeout' };
    const answers = await Promise.all(Array.from({ length: 50 }, () => graph.query(PURCHASE, { input }, customer(racing, 'OWNER'))));
    expect(answers.flatMap((answer) => answer.body.errors ?? [])).toEqual([]);
    const ids = new Set(answers.map((answer) => answer.body.data.purchaseAddOn.id));
    expect(ids.size).toBe(1);
    expect((await graph.ok(POOL, { tenantId: racing, addOnKey: 'whatsapp' })).tenant.addOnPool.purchased).toBe(2);
    expect((await graph.ok(INVOICES, { tenantId: racing }, customer(racing, 'OWNER'))).tenant.invoices).toHaveLength(1);
  });

  it('R28: an account-level add-on is invoiced on the account user licences', async () => {
    const input = { tenantId, addOnKey: 'analytics_plus', quantity: 1, idempotencyKey: 'buy-analytics' };
    const { purchaseAddOn } = await graph.ok(PURCHASE, { input }, owner());
    // 10 user licences × 500 for 16/31 of the month: 2580.65 → 2581.
    expect(purchaseAddOn.prorationInvoice.lineItems[0]).toMatchObject({ kind: 'PRORATION', quantity: 10, amount: { amountMinor: 2581 } });
  });

  it('preview before confirm: the preview is exactly what the bulk assignment then does and invoices (R16, R18, R27)', async () => {
    now = new Date('2026-03-20T12:00:00Z');
    const users = await mappedUsers(5);
    const before = await graph.ok(INVOICES, { tenantId }, owner());
    const { previewAddOnAssignment: preview } = await graph.ok(PREVIEW, { tenantId, addOnKey: 'whatsapp', userIds: [...users, users[0]] }, owner());
    // 3 from the pool, 2 bought: 2 × 1000 × 11.5 / 31 days = 741.94 → 742.
    expect(preview).toEqual({
      toAssign: 5,
      fromPool: 3,
      toBuy: 2,
      proratedAmount: { amountMinor: 742, currency: 'USD' },
      periodStart: '2026-03-20T12:00:00.000Z',
      periodEnd: '2026-04-01T00:00:00.000Z',
      poolAfter: { purchased: 5, assigned: 5, available: 0 },
    });
    // Nothing changed.
    expect((await graph.ok(POOL, { tenantId, addOnKey: 'whatsapp' })).tenant.addOnPool).toEqual({ purchased: 3, assigned: 0, available: 3 });
    expect((await graph.ok(INVOICES, { tenantId }, owner())).tenant.invoices).toEqual(before.tenant.invoices);

    const { bulkAssignAddOn } = await graph.ok(BULK, { tenantId, addOnKey: 'whatsapp', userIds: [...users, users[0]] }, customer(tenantId, 'ADMIN'));
    expect(bulkAssignAddOn).toEqual({ assigned: 5, purchased: 2, pool: preview.poolAfter });
    const invoices: Invoice[] = (await graph.ok(INVOICES, { tenantId }, owner())).tenant.invoices;
    const newest = invoices[0]!;
    expect(newest.lineItems).toEqual([
      expect.objectContaining({ kind: 'PRORATION', quantity: 2, amount: { amountMinor: 742, currency: 'USD' }, periodStart: preview.periodStart, periodEnd: preview.periodEnd }),
    ]);
    expect(newest.subtotal).toEqual(preview.proratedAmount);
  });

  it('R16, R27: toggling an add-on on with an empty pool buys a licence, invoiced once with proration', async () => {
    now = new Date('2026-03-25T00:00:00Z');
    const [user] = await mappedUsers(1);
    const set = await graph.ok(
      `mutation ($userId: ID!) { setAddOnAssignment(input: { userId: $userId, addOnKey: "whatsapp", enabled: true }) { purchased pool { purchased assigned available } } }`,
      { userId: user },
      customer(tenantId, 'ADMIN'),
    );
    expect(set.setAddOnAssignment).toEqual({ purchased: 1, pool: { purchased: 6, assigned: 6, available: 0 } });
    const invoices: Invoice[] = (await graph.ok(INVOICES, { tenantId }, owner())).tenant.invoices;
    const prorations = invoices.filter((i) => i.lineItems.some((l) => l.kind === 'PRORATION' && l.addOn?.key === 'whatsapp'));
    expect(prorations).toHaveLength(3);
    // 1 × 1000 × 7 / 31 days = 225.81 → 226.
    expect(invoices[0]!.lineItems[0]).toMatchObject({ kind: 'PRORATION', quantity: 1, amount: { amountMinor: 226 }, periodStart: '2026-03-25T00:00:00.000Z' });
  });

  it('R26, R27: a billing run issues every ended cycle once; licences bought in a cycle carry the full price from the next', async () => {
    now = new Date('2026-04-01T06:00:00Z');
    expect(await graph.errorCode(RUN_BILLING, { tenantId, at: '2026-04-01T00:00:00Z' }, owner())).toBe('FORBIDDEN');
    expect(await graph.errorCode(RUN_BILLING, { tenantId, at: '2026-05-01T00:00:00Z' })).toBe('BAD_USER_INPUT');
    const first = await graph.ok(RUN_BILLING, { tenantId, at: '2026-04-01T00:00:00Z' });
    expect(first.runBilling.invoicesIssued).toBe(3);
    expect((await graph.ok(RUN_BILLING, { tenantId, at: '2026-04-01T00:00:00Z' })).runBilling.invoicesIssued).toBe(0);

    const invoices: Invoice[] = (await graph.ok(INVOICES, { tenantId }, owner())).tenant.invoices;
    const march = invoices.find((i) => i.periodStart === '2026-03-01T00:00:00.000Z' && i.periodEnd === '2026-04-01T00:00:00.000Z')!;
    expect(march.lineItems.map((l) => [l.kind, l.quantity, l.amount.amountMinor])).toEqual([['PLAN_SEATS', 10, 50_000]]);
    for (const invoice of invoices) expect(invoice.subtotal.amountMinor).toBe(sum(invoice));

    const upcoming = (await graph.ok(UPCOMING, { subscriptionId, at: '2026-04-10T00:00:00Z' }, owner())).subscription.upcomingInvoice;
    expect(upcoming).toMatchObject({ periodStart: '2026-04-01T00:00:00.000Z', periodEnd: '2026-05-01T00:00:00.000Z' });
    expect(upcoming.lineItems.map((l: { kind: string; quantity: number; amount: { amountMinor: number }; addOn: { key: string } | null }) => [l.kind, l.addOn?.key ?? null, l.quantity, l.amount.amountMinor])).toEqual([
      ['PLAN_SEATS', null, 10, 50_000],
      ['ADD_ON_LICENSE', 'analytics_plus', 10, 5_000],
      ['ADD_ON_LICENSE', 'whatsapp', 6, 6_000],
    ]);
    expect(upcoming.subtotal).toEqual({ amountMinor: 61_000, currency: 'USD' });
  });

  it('R30: an admin prepares a quote an owner submits; a supervisor requests a feature the owner sees until it is bought', async () => {
    const quote = await graph.ok(`mutation { requestQuote(tenantId: "${tenantId}", addOnKey: "communication_hub", quantity: 5) { id status } }`, {}, customer(tenantId, 'ADMIN'));
    expect(quote.requestQuote.status).toBe('DRAFT');
    const submit = `mutation ($id: ID!) { submitQuote(requestId: $id) { id status } }`;
    expect(await graph.errorCode(submit, { id: quote.requestQuote.id }, customer(tenantId, 'ADMIN'))).toBe('FORBIDDEN');
    expect((await graph.ok(submit, { id: quote.requestQuote.id }, owner())).submitQuote.status).toBe('SUBMITTED');
    expect(await graph.errorCode(`mutation { requestQuote(tenantId: "${tenantId}", addOnKey: "webchat", quantity: 1) { id } }`, {}, customer(tenantId, 'AGENT'))).toBe('FORBIDDEN');

    const feature = await graph.ok(`mutation { requestFeature(tenantId: "${tenantId}", addOnKey: "webchat") { id status } }`, {}, customer(tenantId, 'SUPERVISOR'));
    expect(feature.requestFeature.status).toBe('OPEN');
    const list = `query ($tenantId: ID!) { tenant(id: $tenantId) { featureRequests { id status addOn { key } } quoteRequests { id status } } }`;
    expect((await graph.ok(list, { tenantId }, owner())).tenant.featureRequests).toEqual([{ id: feature.requestFeature.id, status: 'OPEN', addOn: { key: 'webchat' } }]);
    await graph.ok(PURCHASE, { input: { tenantId, addOnKey: 'webchat', quantity: 1, idempotencyKey: 'buy-webchat' } }, owner());
    expect((await graph.ok(list, { tenantId }, owner())).tenant.featureRequests[0].status).toBe('FULFILLED');
  });

  it('R31, R30: purchases are final: a licence bought by assigning stays bought when freed, nothing is credited, and the feature request it answers is fulfilled', async () => {
    const saved = now;
    now = new Date('2026-05-16T00:00:00Z');
    try {
      const other = await aTenant(graph, { name: 'Toggling customer' });
      const otherSubscription = await aSubscription(graph, other, { planKey: 'aircall_professional', telephony: 'BUNDLED_PSTN', items: [{ usageType: 'AGENT_STANDARD', quantity: 5 }] });
      const agent = await graph.ok(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
        input: { tenantId: other, name: 'Agent', email: 'final@example.com', role: 'AGENT', subscriptionId: otherSubscription },
      });
      const request = await graph.ok(`mutation { requestFeature(tenantId: "${other}", addOnKey: "whatsapp") { id status } }`, {}, customer(other, 'SUPERVISOR'));
      expect(request.requestFeature.status).toBe('OPEN');
      const toggle = (enabled: boolean) =>
        graph.ok(`mutation ($u: ID!, $e: Boolean!) { setAddOnAssignment(input: { userId: $u, addOnKey: "whatsapp", enabled: $e }) { purchased pool { purchased assigned available } } }`, { u: agent.createUser.id, e: enabled }, customer(other, 'ADMIN'));
      expect((await toggle(true)).setAddOnAssignment).toEqual({ purchased: 1, pool: { purchased: 1, assigned: 1, available: 0 } });
      expect((await toggle(false)).setAddOnAssignment.pool).toEqual({ purchased: 1, assigned: 0, available: 1 });

      const state = (
        await graph.ok(
          `query ($t: ID!) { tenant(id: $t) { featureRequests { status } purchases { source quantity } invoices { lineItems { kind quantity amount { amountMinor } } } } }`,
          { t: other },
          customer(other, 'OWNER'),
        )
      ).tenant;
      expect(state.featureRequests).toEqual([{ status: 'FULFILLED' }]);
      expect(state.purchases).toEqual([{ source: 'AUTO_PURCHASE', quantity: 1 }]);
      // 1000 a month for 16 of May's 31 days: 516.13 → 516; no credit for the freed licence.
      expect(state.invoices).toEqual([{ lineItems: [{ kind: 'PRORATION', quantity: 1, amount: { amountMinor: 516 } }] }]);
      // Bought: self-service no longer offers buying it.
      expect((await graph.ok(ACTIONS, { tenantId: other, addOnKey: 'whatsapp' }, customer(other, 'OWNER'))).tenant.selfServiceActions).toEqual(['REQUEST_QUOTE']);
    } finally {
      now = saved;
    }
  });

  it('R33: another tenant never sees these invoices or purchases', async () => {
    const other = await aTenant(graph, { name: 'Other' });
    const invoices: Invoice[] = (await graph.ok(INVOICES, { tenantId }, owner())).tenant.invoices;
    const byId = `query ($id: ID!) { invoice(id: $id) { id } }`;
    expect(await graph.errorCode(byId, { id: invoices[0]!.id }, customer(other, 'OWNER'))).toBe('NOT_FOUND');
    expect((await graph.query(INVOICES, { tenantId }, customer(other, 'OWNER'))).body.data?.tenant ?? null).toBeNull();
    expect(await graph.errorCode(PURCHASE, { input: { tenantId, addOnKey: 'webchat', quantity: 1, idempotencyKey: 'x' } }, customer(other, 'OWNER'))).toBe('NOT_FOUND');
  });
});

describe('overage lines and unbundled prices (R26, R29) through the gateway', () => {
  let graph: TestGraph;
  const now = new Date('2026-04-01T06:00:00Z');
  beforeAll(async () => {
    graph = await startGraph({ clock: () => now });
  });
  afterAll(() => graph.stop());

  it('R29: the tenant-wide overage lands on the primary (R8) or the responsible (R7) subscription, once', async () => {
    const tenantId = await aTenant(graph);
    const first = await aSubscription(graph, tenantId, { name: 'First', items: [{ usageType: 'AGENT_STANDARD', quantity: 10 }] });
    const second = await aSubscription(graph, tenantId, {
      name: 'Second',
      startsAt: '2026-02-01T00:00:00Z',
      items: [
        { usageType: 'AGENT_STANDARD', quantity: 15 },
        { usageType: 'AI_AGENT', quantity: 100 },
      ],
    });
    const record = (usageType: string, quantity: number, at: string) => graph.ok(RECORD_USAGE, { input: { tenantId, usageType, quantity, at } });
    await record('AGENT_STANDARD', 28, '2026-03-05T00:00:00Z'); // 28 on 10 + 15: 3 over (R9)
    await record('AI_AGENT', 70, '2026-03-10T00:00:00Z');
    await record('AI_AGENT', 60, '2026-03-20T00:00:00Z'); // 130 on 100: 30 over

    expect((await graph.ok(RUN_BILLING, { tenantId, at: '2026-04-01T00:00:00Z' })).runBilling.invoicesIssued).toBe(5);
    const lines = async (id: string) => (await graph.ok(OVERAGE_LINES, { id }, customer(tenantId, 'OWNER'))).subscription.overageLineItems;
    expect(await lines(first)).toEqual([
      { kind: 'OVERAGE', quantity: 3, usageType: 'AGENT_STANDARD', amount: { amountMinor: 28_500, currency: 'USD' }, periodStart: '2026-03-01T00:00:00.000Z', periodEnd: '2026-04-01T00:00:00.000Z' },
    ]);
    expect(await lines(second)).toEqual([
      { kind: 'OVERAGE', quantity: 30, usageType: 'AI_AGENT', amount: { amountMinor: 300, currency: 'USD' }, periodStart: '2026-03-01T00:00:00.000Z', periodEnd: '2026-04-01T00:00:00.000Z' },
    ]);
    // The same answer as Subscriptions gives for who is responsible.
    const responsible = await graph.ok(
      `query ($id: ID!) { tenant(id: $id) { agents: responsibleSubscription(usageType: AGENT_STANDARD, at: "2026-03-31T23:59:59Z") { id } ai: responsibleSubscription(usageType: AI_AGENT, at: "2026-03-31T23:59:59Z") { id } } }`,
      { id: tenantId },
    );
    expect(responsible.tenant).toEqual({ agents: { id: first }, ai: { id: second } });
  });

  it('R23, R29: concurrency above the seats for more than 30 minutes is billed at its peak excess on the primary subscription', async () => {
    const tenantId = await aTenant(graph);
    const subscriptionId = await aSubscription(graph, tenantId, {
      planKey: 'aircall_essentials',
      licensingModel: 'CONCURRENT',
      telephony: 'BUNDLED_PSTN',
      items: [{ usageType: 'AGENT_STANDARD', quantity: 2 }],
    });
    const users: string[] = [];
    for (let i = 0; i < 5; i++) {
      const data = await graph.ok(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
        input: { tenantId, name: `Agent ${i}`, email: `agent${i}@concurrent.example`, role: 'AGENT', subscriptionId, at: '2026-01-01T00:00:00Z' },
      });
      users.push(data.createUser.id);
    }
    const login = (userId: string, at: string) => graph.ok(`mutation ($u: ID!, $at: DateTime) { agentLogin(userId: $u, at: $at) { id } }`, { u: userId, at });
    const logout = (userId: string, at: string) => graph.ok(`mutation ($u: ID!, $at: DateTime) { agentLogout(userId: $u, at: $at) { id } }`, { u: userId, at });
    // 4 on 2 seats for 45 minutes: 2 seats of overage.
    for (const user of users.slice(0, 4)) await login(user, '2026-03-10T08:00:00Z');
    await logout(users[0]!, '2026-03-10T08:45:00Z');
    await logout(users[1]!, '2026-03-10T08:45:00Z');
    // 5 on 2 seats for 20 minutes: a shift change, free (else 3 seats of overage).
    for (const user of [users[0]!, users[1]!, users[4]!]) await login(user, '2026-03-11T10:00:00Z');
    for (const user of [users[0]!, users[1]!, users[4]!]) await logout(user, '2026-03-11T10:20:00Z');

    expect((await graph.ok(RUN_BILLING, { tenantId, at: '2026-04-01T00:00:00Z' })).runBilling.invoicesIssued).toBe(3);
    const lines = (await graph.ok(OVERAGE_LINES, { id: subscriptionId }, customer(tenantId, 'OWNER'))).subscription.overageLineItems;
    expect(lines).toEqual([
      { kind: 'OVERAGE', quantity: 2, usageType: 'AGENT_STANDARD', amount: { amountMinor: 19_000, currency: 'USD' }, periodStart: '2026-03-01T00:00:00.000Z', periodEnd: '2026-04-01T00:00:00.000Z' },
    ]);
  });

  it('R28, R31: what belongs to the account is charged once, by the primary subscription, and carried on when it ends', async () => {
    const tenantId = await aTenant(graph);
    const aircall = { planKey: 'aircall_professional', telephony: 'BUNDLED_PSTN', addOns: [{ addOnKey: 'analytics_plus', quantity: 1 }] };
    const first = await aSubscription(graph, tenantId, { ...aircall, name: 'First', endsAt: '2026-03-01T00:00:00Z', items: [{ usageType: 'AGENT_STANDARD', quantity: 10 }] });
    const second = await aSubscription(graph, tenantId, { ...aircall, name: 'Second', items: [{ usageType: 'AGENT_STANDARD', quantity: 5 }] });
    const bought = await graph.ok(PURCHASE, { input: { tenantId, addOnKey: 'whatsapp', quantity: 2, idempotencyKey: 'op-1', at: '2026-01-15T00:00:00Z' } });
    expect(bought.purchaseAddOn.subscription).toEqual({ id: first });

    expect((await graph.ok(RUN_BILLING, { tenantId, at: '2026-04-01T00:00:00Z' })).runBilling.invoicesIssued).toBe(5);
    const invoices: Invoice[] = (await graph.ok(INVOICES, { tenantId })).tenant.invoices;
    const cycle = (subscriptionId: string, month: string) =>
      invoices
        .find((i) => i.subscription.id === subscriptionId && i.periodStart === `2026-${month}-01T00:00:00.000Z` && i.lineItems[0]?.kind === 'PLAN_SEATS')!
        .lineItems.map((l) => [l.addOn?.key ?? l.kind, l.quantity, l.amount.amountMinor]);
    // January: analytics_plus once, on the account's 15 licences, by the primary; WhatsApp bought mid-cycle was prorated.
    expect(cycle(first, '01')).toEqual([['PLAN_SEATS', 10, 50_000], ['analytics_plus', 15, 7_500]]);
    expect(cycle(second, '01')).toEqual([['PLAN_SEATS', 5, 25_000]]);
    expect(cycle(first, '02')).toEqual([['PLAN_SEATS', 10, 50_000], ['analytics_plus', 15, 7_500], ['whatsapp', 2, 2_000]]);
    // March: the first subscription has ended; the second, primary now, carries the account.
    expect(cycle(second, '03')).toEqual([['PLAN_SEATS', 5, 25_000], ['analytics_plus', 5, 2_500], ['whatsapp', 2, 2_000]]);
  });

  it('R38: licences bought are billed every second to the subscription primary then, whatever the cycles: no stretch between an ending monthly and an annual one is lost', async () => {
    const tenantId = await aTenant(graph);
    // A: monthly from 1 January, the oldest, ends 10 March. B: annual from 15 January.
    const a = await aSubscription(graph, tenantId, { name: 'A', planKey: 'aircall_professional', telephony: 'BUNDLED_PSTN', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-03-10T00:00:00Z' });
    const b = await aSubscription(graph, tenantId, { name: 'B', planKey: 'aircall_professional', telephony: 'BUNDLED_PSTN', billingInterval: 'ANNUAL', startsAt: '2026-01-15T00:00:00Z', endsAt: '2027-01-15T00:00:00Z' });
    const bought = await graph.ok(PURCHASE, { input: { tenantId, addOnKey: 'whatsapp', quantity: 5, idempotencyKey: 'r38', at: '2026-01-20T00:00:00Z' } });
    expect(bought.purchaseAddOn.subscription).toEqual({ id: a });
    // Its own invoice: 20 January to A's cycle end, 5 × 10.00 × 12/31 days.
    expect(bought.purchaseAddOn.prorationInvoice.lineItems.map((l: { periodStart: string; periodEnd: string; amount: { amountMinor: number } }) => [l.periodStart, l.periodEnd, l.amount.amountMinor])).toEqual([
      ['2026-01-20T00:00:00.000Z', '2026-02-01T00:00:00.000Z', 1_935],
    ]);
    await graph.ok(RUN_BILLING, { tenantId, at: '2026-04-01T00:00:00Z' });
    const invoices: Invoice[] = (await graph.ok(INVOICES, { tenantId })).tenant.invoices;
    const whatsapp = invoices.flatMap((i) => i.lineItems.filter((l) => l.addOn?.key === 'whatsapp').map((l) => [i.subscription.id, l.kind, l.quantity, l.periodStart, l.periodEnd, l.amount.amountMinor]));
    expect(whatsapp).toHaveLength(3);
    expect(whatsapp).toEqual(
      expect.arrayContaining([
        [a, 'PRORATION', 5, '2026-01-20T00:00:00.000Z', '2026-02-01T00:00:00.000Z', 1_935],
        [a, 'ADD_ON_LICENSE', 5, '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', 5_000],
        // A's last cycle, cut at its end: 9 of March's 31 days.
        [a, 'ADD_ON_LICENSE', 5, '2026-03-01T00:00:00.000Z', '2026-03-10T00:00:00.000Z', 1_452],
      ]),
    );
    // B, primary from 10 March, carries the rest of its year: 5 × 120.00 × 311/365 days (before R38 nobody billed it).
    const upcoming = (await graph.ok(UPCOMING, { subscriptionId: b, at: '2026-06-01T00:00:00Z' })).subscription.upcomingInvoice;
    expect(upcoming.lineItems.filter((l: { addOn: { key: string } | null }) => l.addOn?.key === 'whatsapp').map((l: { kind: string; quantity: number; amount: { amountMinor: number } }) => [l.kind, l.quantity, l.amount.amountMinor])).toEqual([
      ['ADD_ON_LICENSE', 5, 51_123],
    ]);
  });

  it('R26: moving an add-on price out of the seat price into its own line leaves the subtotal unchanged', async () => {
    const upcomingSubtotal = async (subscriptionId: string) =>
      (await graph.ok(UPCOMING, { subscriptionId, at: '2026-04-10T00:00:00Z' })).subscription.upcomingInvoice;
    const bundledTenant = await aTenant(graph);
    const bundled = await aSubscription(graph, bundledTenant, { planKey: 'webex_standard', items: [{ usageType: 'AGENT_STANDARD', quantity: 10 }] });
    const before = await upcomingSubtotal(bundled);
    expect(before.lineItems.map((l: { kind: string }) => l.kind)).toEqual(['PLAN_SEATS']);

    // The vendor unbundles AI Assistant (2500) from the seat price (9500 → 7000).
    await graph.ok(`mutation { updatePlan(input: { key: "webex_standard", seatPrice: { amountMinor: 7000, currency: "USD" } }) { key } }`);
    const unbundledTenant = await aTenant(graph);
    const unbundled = await aSubscription(graph, unbundledTenant, {
      planKey: 'webex_standard',
      items: [{ usageType: 'AGENT_STANDARD', quantity: 10 }],
      addOns: [{ addOnKey: 'ai_assistant', quantity: 10 }],
    });
    const after = await upcomingSubtotal(unbundled);
    expect(after.lineItems.map((l: { kind: string; amount: { amountMinor: number } }) => [l.kind, l.amount.amountMinor])).toEqual([
      ['PLAN_SEATS', 70_000],
      ['ADD_ON_LICENSE', 25_000],
    ]);
    expect(after.subtotal).toEqual(before.subtotal);
    expect(after.subtotal).toEqual({ amountMinor: 95_000, currency: 'USD' });
  });
});
