import { aPartner, aSubscription, aTenant, aUser, CREATE_SUBSCRIPTION, subscriptionInput } from '../support/arrange';
import { startGraph, type TestGraph } from '../support/start-graph';
import { eventually } from '../support/eventually';
import { customer, partner } from '../support/tokens';

const TENANT_SUBSCRIPTIONS = /* GraphQL */ `
  query TenantSubscriptions($tenantId: ID!, $at: DateTime) {
    tenant(id: $tenantId) {
      id
      name
      subscriptions { id name department status(at: $at) startsAt endsAt }
      primarySubscription(at: $at) { id name }
      partners { partner { id name } access }
    }
  }
`;
const RESPONSIBLE = /* GraphQL */ `
  query ResponsibleSubscription($tenantId: ID!, $usageType: UsageType!, $at: DateTime) {
    tenant(id: $tenantId) { responsibleSubscription(usageType: $usageType, at: $at) { id name } }
  }
`;
const RENEW = /* GraphQL */ `
  mutation RenewSubscription($input: RenewSubscriptionInput!) {
    renewSubscription(input: $input) { id startsAt endsAt items { usageType quantity since } }
  }
`;
const OVERAGE = /* GraphQL */ `
  query TenantOverage($tenantId: ID!, $usageType: UsageType!, $from: DateTime!, $to: DateTime!) {
    tenant(id: $tenantId) { overage(usageType: $usageType, from: $from, to: $to) { usageType entitled used overage chargedTo { id } } }
  }
`;
const RECORD_USAGE = /* GraphQL */ `
  mutation RecordUsage($input: RecordUsageInput!) { recordUsage(input: $input) { usageType quantity at } }
`;
const ADD_PARTNER = /* GraphQL */ `
  mutation AddPartnerToTenant($tenantId: ID!, $partnerId: ID!) { addPartnerToTenant(tenantId: $tenantId, partnerId: $partnerId) { partner { id } access } }
`;
const GRANT_FULL = /* GraphQL */ `
  mutation GrantPartnerFullAccess($tenantId: ID!, $partnerId: ID!) { grantPartnerFullAccess(tenantId: $tenantId, partnerId: $partnerId) { partner { id } access } }
`;
const SWITCH_TELEPHONY = /* GraphQL */ `
  mutation SwitchTenantTelephony($tenantId: ID!, $telephony: String!) { switchTenantTelephony(tenantId: $tenantId, telephony: $telephony) { id telephony } }
`;
const SUBSCRIPTION = /* GraphQL */ `query ($id: ID!, $at: DateTime) { subscription(id: $id) { id telephony status(at: $at) originalStartsAt tenant { id } } }`;

const AI = [{ usageType: 'AI_AGENT', quantity: 1000 }, { usageType: 'AI_ASSISTANT', quantity: 500 }];

describe('many subscriptions per tenant (R5 to R14, R34) through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  const subscriptionsOf = async (tenantId: string, at?: string) => (await graph.ok(TENANT_SUBSCRIPTIONS, { tenantId, at })).tenant;
  const responsibleFor = async (tenantId: string, usageType: string, at: string) =>
    (await graph.ok(RESPONSIBLE, { tenantId, usageType, at })).tenant.responsibleSubscription?.name ?? null;

  it('R5: creates a subscription with its department, plan, model, telephony, offer, interval, term and content', async () => {
    const tenantId = await aTenant(graph);
    const input = subscriptionInput(tenantId, {
      name: 'Core',
      department: 'Support',
      offer: 'FLEX_3',
      hybrid: true,
      billingInterval: 'ANNUAL',
      items: [{ usageType: 'AGENT_STANDARD', quantity: 25 }, { usageType: 'AI_AGENT', quantity: 1000, since: '2025-06-01T00:00:00Z' }],
      addOns: [{ addOnKey: 'ai_assistant', quantity: 5 }],
    });
    const { createSubscription } = await graph.ok(CREATE_SUBSCRIPTION, { input });
    expect(createSubscription).toMatchObject({
      name: 'Core',
      department: 'Support',
      planKey: 'webex_standard',
      licensingModel: 'NAMED',
      telephony: 'WEBEX_CALLING',
      offer: 'FLEX_3',
      hybrid: true,
      billingInterval: 'ANNUAL',
      startsAt: '2026-01-01T00:00:00.000Z',
      endsAt: '2027-01-01T00:00:00.000Z',
      items: [
        { usageType: 'AGENT_STANDARD', quantity: 25, since: '2026-01-01T00:00:00.000Z' },
        { usageType: 'AI_AGENT', quantity: 1000, since: '2025-06-01T00:00:00.000Z' },
      ],
      addOns: [{ addOn: { key: 'ai_assistant' }, quantity: 5 }],
    });
    expect(createSubscription.id).toMatch(/^sub_/);
  });

  it('R5: status at t; renewal keeps the id and the items\' dates; the gap before a renewal is not active', async () => {
    const tenantId = await aTenant(graph);
    const id = await aSubscription(graph, tenantId, { endsAt: '2026-06-01T00:00:00Z', items: [{ usageType: 'AI_AGENT', quantity: 100 }] });
    const statusAt = async (at: string) => (await graph.ok(SUBSCRIPTION, { id, at })).subscription.status;
    expect(await statusAt('2025-12-31T23:59:59Z')).toBe('PENDING');
    expect(await statusAt('2026-01-01T00:00:00Z')).toBe('ACTIVE');
    expect(await statusAt('2026-06-01T00:00:00Z')).toBe('EXPIRED');

    const { renewSubscription } = await graph.ok(RENEW, {
      input: {
        subscriptionId: id,
        startsAt: '2026-07-01T00:00:00Z',
        endsAt: '2027-07-01T00:00:00Z',
        items: [{ usageType: 'AI_AGENT', quantity: 200 }, { usageType: 'IVR_OUTBOUND_CAMPAIGN', quantity: 50 }],
      },
    });
    expect(renewSubscription).toEqual({
      id,
      startsAt: '2026-07-01T00:00:00.000Z',
      endsAt: '2027-07-01T00:00:00.000Z',
      items: [
        { usageType: 'AI_AGENT', quantity: 200, since: '2026-01-01T00:00:00.000Z' },
        { usageType: 'IVR_OUTBOUND_CAMPAIGN', quantity: 50, since: '2026-07-01T00:00:00.000Z' },
      ],
    });
    expect(await statusAt('2026-06-15T00:00:00Z')).toBe('EXPIRED');
    expect(await statusAt('2026-07-01T00:00:00Z')).toBe('ACTIVE');
    expect((await graph.ok(SUBSCRIPTION, { id })).subscription.originalStartsAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('R6: the primary subscription is the oldest active one at t (R34: asked at any instant)', async () => {
    const tenantId = await aTenant(graph);
    const a = await aSubscription(graph, tenantId, { name: 'A', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-06-01T00:00:00Z' });
    await aSubscription(graph, tenantId, { name: 'B', startsAt: '2026-02-01T00:00:00Z', endsAt: '2027-02-01T00:00:00Z' });
    const primaryAt = async (at: string) => (await subscriptionsOf(tenantId, at)).primarySubscription?.name ?? null;
    expect(await primaryAt('2025-12-01T00:00:00Z')).toBeNull();
    expect(await primaryAt('2026-03-01T00:00:00Z')).toBe('A');
    expect(await primaryAt('2026-07-01T00:00:00Z')).toBe('B');
    await graph.ok(RENEW, { input: { subscriptionId: a, startsAt: '2026-08-01T00:00:00Z', endsAt: '2027-08-01T00:00:00Z' } });
    expect(await primaryAt('2026-09-01T00:00:00Z')).toBe('A');
    const tenant = await subscriptionsOf(tenantId, '2026-07-01T00:00:00Z');
    expect(tenant.subscriptions.map((s: any) => [s.name, s.status])).toEqual([['A', 'EXPIRED'], ['B', 'ACTIVE']]);
  });

  it("R7: the SPEC's A, B, C story, step by step, through the graph", async () => {
    const tenantId = await aTenant(graph);
    const a = await aSubscription(graph, tenantId, { name: 'A', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-06-01T00:00:00Z', items: AI });
    await aSubscription(graph, tenantId, { name: 'B', startsAt: '2026-02-01T00:00:00Z', endsAt: '2027-02-01T00:00:00Z', items: AI });
    expect(await responsibleFor(tenantId, 'AI_AGENT', '2026-03-01T00:00:00Z')).toBe('A');
    expect(await responsibleFor(tenantId, 'AI_ASSISTANT', '2026-03-01T00:00:00Z')).toBe('A');

    await aSubscription(graph, tenantId, {
      name: 'C',
      startsAt: '2026-07-01T00:00:00Z',
      endsAt: '2027-07-01T00:00:00Z',
      items: [...AI, { usageType: 'IVR_OUTBOUND_CAMPAIGN', quantity: 10 }],
    });
    expect(await responsibleFor(tenantId, 'AI_AGENT', '2026-07-15T00:00:00Z')).toBe('B');
    expect(await responsibleFor(tenantId, 'AI_ASSISTANT', '2026-07-15T00:00:00Z')).toBe('B');
    expect(await responsibleFor(tenantId, 'IVR_OUTBOUND_CAMPAIGN', '2026-07-15T00:00:00Z')).toBe('C');

    await graph.ok(RENEW, {
      input: { subscriptionId: a, startsAt: '2026-08-01T00:00:00Z', endsAt: '2027-08-01T00:00:00Z', items: [...AI, { usageType: 'IVR_OUTBOUND_CAMPAIGN', quantity: 5 }] },
    });
    expect(await responsibleFor(tenantId, 'AI_AGENT', '2026-08-15T00:00:00Z')).toBe('A');
    expect(await responsibleFor(tenantId, 'AI_ASSISTANT', '2026-08-15T00:00:00Z')).toBe('A');
    expect(await responsibleFor(tenantId, 'IVR_OUTBOUND_CAMPAIGN', '2026-08-15T00:00:00Z')).toBe('C');
    // R34: the past is still answered as it was.
    expect(await responsibleFor(tenantId, 'AI_AGENT', '2026-07-15T00:00:00Z')).toBe('B');
  });

  it('R8: agents, IVR and Webex Connect are charged to the primary subscription', async () => {
    const tenantId = await aTenant(graph);
    await aSubscription(graph, tenantId, { name: 'Old', startsAt: '2026-01-01T00:00:00Z', items: AI });
    await aSubscription(graph, tenantId, { name: 'Young', startsAt: '2026-02-01T00:00:00Z', items: [{ usageType: 'WEBEX_CONNECT', quantity: 1 }, { usageType: 'IVR', quantity: 4 }] });
    for (const type of ['AGENT_STANDARD', 'AGENT_PREMIUM', 'IVR', 'WEBEX_CONNECT']) {
      expect(await responsibleFor(tenantId, type, '2026-03-01T00:00:00Z')).toBe('Old');
    }
  });

  it('R9: 10 + 15 agents: no overage up to 25 in use; above, the excess, charged to the primary', async () => {
    const tenantId = await aTenant(graph);
    const one = await aSubscription(graph, tenantId, { name: '1', items: [{ usageType: 'AGENT_STANDARD', quantity: 10 }] });
    await aSubscription(graph, tenantId, { name: '2', startsAt: '2026-02-01T00:00:00Z', items: [{ usageType: 'AGENT_STANDARD', quantity: 15 }] });
    const record = (usageType: string, quantity: number, at: string) => graph.ok(RECORD_USAGE, { input: { tenantId, usageType, quantity, at } });
    const overage = async (usageType: string, from: string, to: string) => (await graph.ok(OVERAGE, { tenantId, usageType, from, to })).tenant.overage;
    await record('AGENT_STANDARD', 20, '2026-03-02T09:00:00Z');
    await record('AGENT_STANDARD', 25, '2026-03-10T09:00:00Z');
    expect(await overage('AGENT_STANDARD', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')).toEqual({
      usageType: 'AGENT_STANDARD', entitled: 25, used: 25, overage: 0, chargedTo: { id: one },
    });
    await record('AGENT_STANDARD', 31, '2026-03-20T09:00:00Z');
    expect(await overage('AGENT_STANDARD', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')).toMatchObject({ entitled: 25, used: 31, overage: 6, chargedTo: { id: one } });
    // A seat level carries into the next period until a new reading.
    expect(await overage('AGENT_STANDARD', '2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z')).toMatchObject({ used: 31, overage: 6 });
    // Metered types add up increments.
    await record('AI_AGENT', 700, '2026-03-05T00:00:00Z');
    await record('AI_AGENT', 500, '2026-03-06T00:00:00Z');
    await record('AI_AGENT', 900, '2026-04-06T00:00:00Z');
    expect(await overage('AI_AGENT', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')).toMatchObject({ entitled: 0, used: 1200, overage: 1200, chargedTo: null });
    expect(await graph.errorCode(OVERAGE, { tenantId, usageType: 'AI_AGENT', from: '2026-04-01T00:00:00Z', to: '2026-03-01T00:00:00Z' })).toBe('BAD_USER_INPUT');
  });

  it('R10: a subscription of the other licensing model is refused (MIXED_LICENSING_MODEL) and nothing is written', async () => {
    const tenantId = await aTenant(graph);
    await aSubscription(graph, tenantId, { licensingModel: 'CONCURRENT' });
    expect(await graph.errorCode(CREATE_SUBSCRIPTION, { input: subscriptionInput(tenantId, { licensingModel: 'NAMED' }) })).toBe('MIXED_LICENSING_MODEL');
    expect((await subscriptionsOf(tenantId)).subscriptions).toHaveLength(1);
    await aSubscription(graph, tenantId, { licensingModel: 'CONCURRENT', name: 'Second' });
  });

  it('R10: two subscriptions of different models created at once for a new tenant: exactly one wins', async () => {
    for (let round = 0; round < 5; round++) {
      const tenantId = await aTenant(graph, { name: `Race ${round}` });
      const results = await Promise.all(
        (['NAMED', 'CONCURRENT', 'NAMED', 'CONCURRENT'] as const).map((licensingModel) =>
          graph.query(CREATE_SUBSCRIPTION, { input: subscriptionInput(tenantId, { licensingModel }) }),
        ),
      );
      const won = results.filter((r) => !r.body.errors).map((r) => r.body.data.createSubscription.licensingModel);
      const lost = results.filter((r) => r.body.errors).map((r) => r.body.errors![0]!.extensions?.code);
      expect(new Set(won).size).toBe(1);
      expect(won).toHaveLength(2);
      expect(lost).toEqual(['MIXED_LICENSING_MODEL', 'MIXED_LICENSING_MODEL']);
      const stored = (await subscriptionsOf(tenantId)).subscriptions;
      expect(stored).toHaveLength(2);
    }
  });

  it("R11: later subscriptions must use the first's telephony option; only an operator switches the whole tenant", async () => {
    const partnerId = await aPartner(graph);
    const tenantId = await aTenant(graph, { managingPartnerId: partnerId });
    const first = await aSubscription(graph, tenantId, { telephony: 'WEBEX_CALLING' });
    const telephonyOfSubscriptions = async () =>
      (await graph.ok(`query ($t: ID!) { tenant(id: $t) { subscriptions { telephony } } }`, { t: tenantId })).tenant.subscriptions.map((s: { telephony: string }) => s.telephony);
    expect(await telephonyOfSubscriptions()).toEqual(['WEBEX_CALLING']);
    expect(await graph.errorCode(CREATE_SUBSCRIPTION, { input: subscriptionInput(tenantId, { telephony: 'BUNDLED_PSTN' }) })).toBe('TELEPHONY_MISMATCH');
    expect(await graph.errorCode(CREATE_SUBSCRIPTION, { input: subscriptionInput(tenantId, { telephony: 'TIN_CANS' }) })).toBe('BAD_USER_INPUT');
    expect(await graph.errorCode(SWITCH_TELEPHONY, { tenantId, telephony: 'BUNDLED_PSTN' }, partner(partnerId))).toBe('FORBIDDEN');
    expect(await graph.errorCode(SWITCH_TELEPHONY, { tenantId, telephony: 'BUNDLED_PSTN' }, customer(tenantId, 'OWNER'))).toBe('FORBIDDEN');
    expect((await graph.ok(SWITCH_TELEPHONY, { tenantId, telephony: 'BUNDLED_PSTN' })).switchTenantTelephony).toEqual({ id: tenantId, telephony: 'BUNDLED_PSTN' });
    expect((await graph.ok(SUBSCRIPTION, { id: first })).subscription.telephony).toBe('BUNDLED_PSTN');
    // The tenant's history, read before the switch, is answered anew right after it.
    expect(await telephonyOfSubscriptions()).toEqual(['BUNDLED_PSTN']);
    await aSubscription(graph, tenantId, { telephony: 'BUNDLED_PSTN' });
    expect(await graph.errorCode(CREATE_SUBSCRIPTION, { input: subscriptionInput(tenantId, { telephony: 'WEBEX_CALLING' }) })).toBe('TELEPHONY_MISMATCH');
  });

  it('R12: users are mapped to a subscription of their tenant, with history (R34)', async () => {
    const tenantId = await aTenant(graph);
    const s1 = await aSubscription(graph, tenantId, { endsAt: '2026-06-01T00:00:00Z' });
    const s2 = await aSubscription(graph, tenantId, { startsAt: '2026-05-01T00:00:00Z' });
    const other = await aSubscription(graph, await aTenant(graph));
    const { createUser } = await graph.ok(/* GraphQL */ `mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { id name email role subscription { id } } }`, {
      input: { tenantId, name: 'Agent', email: 'agent@r12.example', role: 'AGENT', subscriptionId: s1, at: '2026-01-01T00:00:00Z' },
    });
    expect(createUser.subscription).toEqual({ id: s1 });
    const MAP = /* GraphQL */ `mutation MapUserToSubscription($userId: ID!, $subscriptionId: ID!, $at: DateTime) {
      mapUserToSubscription(userId: $userId, subscriptionId: $subscriptionId, at: $at) { id subscription { id } }
    }`;
    const mapped = await graph.ok(MAP, { userId: createUser.id, subscriptionId: s2, at: '2026-05-15T00:00:00Z' });
    expect(mapped.mapUserToSubscription).toEqual({ id: createUser.id, subscription: { id: s2 } });
    const subscriptionAt = async (at: string) =>
      (await graph.ok(/* GraphQL */ `query ($id: ID!, $at: DateTime) { user(id: $id) { subscription(at: $at) { id status(at: $at) } } }`, { id: createUser.id, at })).user.subscription;
    expect(await subscriptionAt('2025-12-31T00:00:00Z')).toBeNull();
    expect(await subscriptionAt('2026-03-01T00:00:00Z')).toEqual({ id: s1, status: 'ACTIVE' });
    expect(await subscriptionAt('2026-05-20T00:00:00Z')).toEqual({ id: s2, status: 'ACTIVE' });
    expect(await graph.errorCode(MAP, { userId: createUser.id, subscriptionId: other })).toBe('NOT_FOUND');
    expect(await graph.errorCode(MAP, { userId: createUser.id, subscriptionId: s1, at: '2026-06-01T00:00:00Z' }, customer(tenantId, 'ADMIN'))).toBe('FORBIDDEN');
    const byAdmin = await graph.ok(MAP, { userId: createUser.id, subscriptionId: s1 }, customer(tenantId, 'ADMIN'));
    expect(byAdmin.mapUserToSubscription.subscription).toEqual({ id: s1 });
  });

  it('R13: a second partner gets READ_ONLY: it reads everything of the tenant and changes nothing, until an admin grants FULL', async () => {
    const managing = await aPartner(graph, 'Managing');
    const second = await aPartner(graph, 'Second');
    const stranger = await aPartner(graph, 'Stranger');
    const tenantId = await aTenant(graph, { managingPartnerId: managing });
    await aSubscription(graph, tenantId);
    await aUser(graph, tenantId);
    expect(await graph.errorCode(ADD_PARTNER, { tenantId, partnerId: second }, partner(stranger))).toBe('NOT_FOUND');
    expect((await graph.ok(ADD_PARTNER, { tenantId, partnerId: second }, partner(managing))).addPartnerToTenant).toEqual({ partner: { id: second }, access: 'READ_ONLY' });

    const asSecond = partner(second);
    const seen = await graph.ok(TENANT_SUBSCRIPTIONS, { tenantId }, asSecond);
    expect(seen.tenant.partners.map((p: any) => [p.partner.name, p.access])).toEqual([['Managing', 'FULL'], ['Second', 'READ_ONLY']]);
    expect(seen.tenant.subscriptions).toHaveLength(1);
    const users = await graph.ok(/* GraphQL */ `query ($id: ID!) { tenant(id: $id) { users { totalCount } } }`, { id: tenantId }, asSecond);
    expect(users.tenant.users.totalCount).toBe(1);
    expect(await graph.errorCode(CREATE_SUBSCRIPTION, { input: subscriptionInput(tenantId) }, asSecond)).toBe('FORBIDDEN');
    expect(await graph.errorCode(/* GraphQL */ `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { tenantId, name: 'N', email: 'n@r13.example', role: 'AGENT' } }, asSecond)).toBe('FORBIDDEN');
    expect(await graph.errorCode(GRANT_FULL, { tenantId, partnerId: second }, asSecond)).toBe('FORBIDDEN');
    expect(await graph.errorCode(GRANT_FULL, { tenantId, partnerId: second }, customer(tenantId, 'SUPERVISOR'))).toBe('FORBIDDEN');
    expect(await graph.errorCode(TENANT_SUBSCRIPTIONS, { tenantId }, partner(stranger))).toBe('NOT_FOUND');

    expect((await graph.ok(GRANT_FULL, { tenantId, partnerId: second }, customer(tenantId, 'ADMIN'))).grantPartnerFullAccess.access).toBe('FULL');
    // The refusals above were answered from the facts each subgraph keeps in memory
    // (runtime/process-cache.ts, 10 s): the grant must reach them at once. Subscriptions
    // wrote it; Entitlements learns it from PartnerAccessChanged (at once in one process,
    // within moments through NATS, well inside the 10 s a stale entry would live).
    await graph.ok(CREATE_SUBSCRIPTION, { input: subscriptionInput(tenantId, { name: 'By second' }) }, asSecond);
    expect((await subscriptionsOf(tenantId)).subscriptions).toHaveLength(2);
    const createUser = () => graph.query(/* GraphQL */ `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { tenantId, name: 'N', email: 'n@r13.example', role: 'AGENT' } }, asSecond);
    const created = await eventually(createUser, (answer) => !answer.body.errors, 3_000, 50);
    expect(created.body.errors).toBeUndefined();
  });

  it('R14: FLEX, FLEX_3 and hybrid subscriptions live side by side in one tenant', async () => {
    const tenantId = await aTenant(graph);
    await aSubscription(graph, tenantId, { offer: 'FLEX' });
    await aSubscription(graph, tenantId, { offer: 'FLEX_3', hybrid: true });
    await aSubscription(graph, tenantId, { offer: 'STANDARD', hybrid: true });
    expect((await subscriptionsOf(tenantId)).subscriptions).toHaveLength(3);
  });

  it('R34: only operators may set `at` on a mutation; customers and partners are FORBIDDEN and nothing is written', async () => {
    const partnerId = await aPartner(graph);
    const tenantId = await aTenant(graph, { managingPartnerId: partnerId });
    const input = { ...subscriptionInput(tenantId), at: '2026-01-01T00:00:00Z' };
    expect(await graph.errorCode(CREATE_SUBSCRIPTION, { input }, partner(partnerId))).toBe('FORBIDDEN');
    expect(await graph.errorCode(RECORD_USAGE, { input: { tenantId, usageType: 'IVR', quantity: 1 } }, partner(partnerId))).toBe('FORBIDDEN');
    expect((await subscriptionsOf(tenantId)).subscriptions).toHaveLength(0);
  });

  it('bad input gets a clear code and writes nothing', async () => {
    const tenantId = await aTenant(graph);
    const otherPartner = await aPartner(graph);
    const otherTenant = await aTenant(graph, { managingPartnerId: otherPartner });
    const foreign = await aSubscription(graph, otherTenant);
    const cases: [object, string][] = [
      [subscriptionInput(tenantId, { startsAt: '2027-01-01T00:00:00Z', endsAt: '2026-01-01T00:00:00Z' }), 'BAD_USER_INPUT'],
      [subscriptionInput(tenantId, { planKey: 'no_such_plan' }), 'BAD_USER_INPUT'],
      [subscriptionInput(tenantId, { items: [{ usageType: 'TELEPATHY', quantity: 1 }] }), 'BAD_USER_INPUT'],
      [subscriptionInput(tenantId, { items: [{ usageType: 'IVR', quantity: -1 }] }), 'BAD_USER_INPUT'],
      [subscriptionInput(tenantId, { addOns: [{ addOnKey: 'ai_assist', quantity: 1 }] }), 'BAD_USER_INPUT'],
      [subscriptionInput(tenantId, { addOns: [{ addOnKey: 'nope', quantity: 1 }] }), 'BAD_USER_INPUT'],
      [subscriptionInput(tenantId, { name: '' }), 'BAD_USER_INPUT'],
      [subscriptionInput('ten_nope'), 'NOT_FOUND'],
    ];
    for (const [input, code] of cases) {
      expect([input, await graph.errorCode(CREATE_SUBSCRIPTION, { input })]).toEqual([input, code]);
    }
    expect((await subscriptionsOf(tenantId)).subscriptions).toHaveLength(0);
    expect(await graph.errorCode(RENEW, { input: { subscriptionId: 'sub_nope', endsAt: '2030-01-01T00:00:00Z' } })).toBe('NOT_FOUND');
    const partnerId = await aPartner(graph);
    await aTenant(graph, { managingPartnerId: partnerId });
    expect(await graph.errorCode(RENEW, { input: { subscriptionId: foreign, endsAt: '2030-01-01T00:00:00Z' } }, partner(partnerId))).toBe('NOT_FOUND');
    expect(await graph.errorCode(RENEW, { input: { subscriptionId: foreign, startsAt: '2026-06-01T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' } })).toBe('BAD_USER_INPUT');
    expect((await graph.ok(SUBSCRIPTION, { id: foreign })).subscription).toBeTruthy();
    expect(await graph.errorCode(SUBSCRIPTION, { id: foreign }, customer(tenantId))).toBe('NOT_FOUND');
    expect(await graph.errorCode(RECORD_USAGE, { input: { tenantId, usageType: 'IVR', quantity: -5 } })).toBe('BAD_USER_INPUT');
  });
});
