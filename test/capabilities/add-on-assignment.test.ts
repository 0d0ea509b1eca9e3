import { aSubscription, aTenant } from '../support/arrange';
import { startGraph, type TestGraph } from '../support/start-graph';
import { customer } from '../support/tokens';

const POOL = /* GraphQL */ `
  query AddOnPool($tenantId: ID!, $addOnKey: String!, $at: DateTime) {
    tenant(id: $tenantId) { addOnPool(addOnKey: $addOnKey, at: $at) { addOn { key type } purchased assigned available } }
  }
`;
const SET = /* GraphQL */ `
  mutation SetAddOnAssignment($userId: ID!, $addOnKey: String!, $enabled: Boolean!, $at: DateTime) {
    setAddOnAssignment(input: { userId: $userId, addOnKey: $addOnKey, enabled: $enabled, at: $at }) {
      user { id }
      purchased
      pool { purchased assigned available }
    }
  }
`;
const BULK = /* GraphQL */ `
  mutation BulkAssignAddOn($tenantId: ID!, $addOnKey: String!, $userIds: [ID!]!, $at: DateTime) {
    bulkAssignAddOn(input: { tenantId: $tenantId, addOnKey: $addOnKey, userIds: $userIds, at: $at }) {
      assigned purchased pool { purchased assigned available }
    }
  }
`;
const ACCESS = /* GraphQL */ `
  query UserAccess($userId: ID!, $key: String!, $at: DateTime) { user(id: $userId) { id access(key: $key, at: $at) { allowed reason } } }
`;
const TRIAL = /* GraphQL */ `
  mutation StartAddOnTrial($tenantId: ID!, $addOnKey: String!, $endsAt: DateTime!, $at: DateTime) {
    startAddOnTrial(input: { tenantId: $tenantId, addOnKey: $addOnKey, endsAt: $endsAt, at: $at }) { addOn { key } startsAt endsAt }
  }
`;
const ENFORCE = /* GraphQL */ `
  mutation SetAddOnEnforcement($tenantId: ID!, $addOnKey: String!, $enforcedFrom: DateTime!) {
    setAddOnEnforcement(tenantId: $tenantId, addOnKey: $addOnKey, enforcedFrom: $enforcedFrom) { addOn { key } enforcedFrom }
  }
`;
const REQUIREMENTS = /* GraphQL */ `
  query AddOnRequirements($tenantId: ID!, $at: DateTime) {
    tenant(id: $tenantId) { addOnRequirements(at: $at) { addOn { key } usersNeedingAccess coveredBySeats required purchased shortfall } }
  }
`;
const ASSIGNMENTS = /* GraphQL */ `query ($id: ID!) { user(id: $id) { addOnAssignments { addOn { key usageType } assignedAt } } }`;

const NOW_TERM = { startsAt: '2026-01-01T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' };

async function mappedUser(graph: TestGraph, tenantId: string, subscriptionId: string | null, role = 'AGENT'): Promise<string> {
  const n = Math.random().toString(36).slice(2, 10);
  const data = await graph.ok(/* GraphQL */ `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
    input: { tenantId, name: `U ${n}`, email: `u-${n}@example.com`, role, subscriptionId, at: '2026-01-01T00:00:00Z' },
  });
  return data.createUser.id;
}

describe('add-on licences (R15 to R21, R25) through the gateway', () => {
  let graph: TestGraph;
  let tenantId: string;
  let subscriptionId: string;
  let users: string[];
  const pool = async (addOnKey: string, at?: string) => (await graph.ok(POOL, { tenantId, addOnKey, at })).tenant.addOnPool;
  const access = async (userId: string, key: string, at?: string) => (await graph.ok(ACCESS, { userId, key, at })).user.access;

  beforeAll(async () => {
    graph = await startGraph();
    tenantId = await aTenant(graph, { name: 'Aircall tenant' });
    subscriptionId = await aSubscription(graph, tenantId, {
      planKey: 'aircall_essentials',
      telephony: 'AIRCALL_TELEPHONY',
      ...NOW_TERM,
      addOns: [{ addOnKey: 'ai_assist', quantity: 2 }, { addOnKey: 'analytics_plus', quantity: 1 }],
    });
    users = [];
    for (let i = 0; i < 5; i++) users.push(await mappedUser(graph, tenantId, subscriptionId));
  });
  afterAll(() => graph?.stop());

  it('R15: a provisioned add-on has a pool: purchased, assigned, available', async () => {
    expect(await pool('ai_assist')).toEqual({ addOn: { key: 'ai_assist', type: 'PROVISIONED' }, purchased: 2, assigned: 0, available: 2 });
  });

  it('R16: toggling on takes an available licence, then buys one when none is left; access is immediate', async () => {
    const first = await graph.ok(SET, { userId: users[0], addOnKey: 'ai_assist', enabled: true });
    expect(first.setAddOnAssignment).toEqual({ user: { id: users[0] }, purchased: 0, pool: { purchased: 2, assigned: 1, available: 1 } });
    await graph.ok(SET, { userId: users[1], addOnKey: 'ai_assist', enabled: true });
    expect(await access(users[2]!, 'ai_assist')).toEqual({ allowed: false, reason: 'NOT_LICENSED' });
    const bought = await graph.ok(SET, { userId: users[2], addOnKey: 'ai_assist', enabled: true }, customer(tenantId, 'ADMIN'));
    expect(bought.setAddOnAssignment).toEqual({ user: { id: users[2] }, purchased: 1, pool: { purchased: 3, assigned: 3, available: 0 } });
    expect(await access(users[2]!, 'ai_assist')).toEqual({ allowed: true, reason: 'LICENSE_ASSIGNED' });
    const again = await graph.ok(SET, { userId: users[2], addOnKey: 'ai_assist', enabled: true });
    expect(again.setAddOnAssignment.purchased).toBe(0);
    expect((await graph.ok(ASSIGNMENTS, { id: users[2] })).user.addOnAssignments.map((a: any) => a.addOn.key)).toEqual(['ai_assist']);
  });

  it('R17: toggling off frees the licence to the pool, refunds nothing, and access ends at once', async () => {
    const off = await graph.ok(SET, { userId: users[0], addOnKey: 'ai_assist', enabled: false });
    expect(off.setAddOnAssignment).toEqual({ user: { id: users[0] }, purchased: 0, pool: { purchased: 3, assigned: 2, available: 1 } });
    expect(await access(users[0]!, 'ai_assist')).toEqual({ allowed: false, reason: 'NOT_LICENSED' });
    expect(await pool('ai_assist')).toMatchObject({ purchased: 3, assigned: 2, available: 1 });
  });

  it('R18: bulk assignment uses the pool, buys exactly the gap, and does not count holders twice', async () => {
    // users[1] and users[2] hold it; users[0], users[3], users[4] do not: 3 wanted, 1 available, 2 bought.
    const result = await graph.ok(BULK, { tenantId, addOnKey: 'ai_assist', userIds: [users[0], users[1], users[2], users[3], users[4], users[4]] });
    expect(result.bulkAssignAddOn).toEqual({ assigned: 3, purchased: 2, pool: { purchased: 5, assigned: 5, available: 0 } });
    const again = await graph.ok(BULK, { tenantId, addOnKey: 'ai_assist', userIds: users });
    expect(again.bulkAssignAddOn).toEqual({ assigned: 0, purchased: 0, pool: { purchased: 5, assigned: 5, available: 0 } });
  });

  it('R18: a bulk assignment naming a user of another tenant changes nothing (NOT_FOUND)', async () => {
    const other = await aTenant(graph);
    const stranger = await mappedUser(graph, other, null);
    expect(await graph.errorCode(BULK, { tenantId, addOnKey: 'whatsapp', userIds: [users[0], stranger] })).toBe('NOT_FOUND');
    expect(await pool('whatsapp')).toMatchObject({ purchased: 0, assigned: 0 });
  });

  it('R15, R34: the pool is answered at any instant', async () => {
    expect(await pool('ai_assist', '2025-06-01T00:00:00Z')).toMatchObject({ purchased: 0, assigned: 0, available: 0 });
  });

  it('R2: an account-level add-on is held by every user, including users created later', async () => {
    expect(await access(users[0]!, 'analytics_plus')).toEqual({ allowed: true, reason: 'ACCOUNT_LEVEL' });
    const later = await mappedUser(graph, tenantId, subscriptionId);
    expect(await access(later, 'analytics_plus')).toEqual({ allowed: true, reason: 'ACCOUNT_LEVEL' });
    const accountPool = await pool('analytics_plus');
    expect(accountPool).toMatchObject({ addOn: { type: 'ACCOUNT_LEVEL' }, available: 0 });
    expect(accountPool.assigned).toBe(accountPool.purchased);
    expect(await graph.errorCode(SET, { userId: users[0], addOnKey: 'analytics_plus', enabled: true })).toBe('NOT_ASSIGNABLE');
  });

  it('R3: an account-wide or not licence-gated add-on cannot be assigned (NOT_ASSIGNABLE)', async () => {
    expect(await graph.errorCode(SET, { userId: users[0], addOnKey: 'zoom_virtual_agent', enabled: true })).toBe('NOT_ASSIGNABLE');
    expect(await graph.errorCode(SET, { userId: users[0], addOnKey: 'webchat', enabled: true })).toBe('NOT_ASSIGNABLE');
    expect(await graph.errorCode(BULK, { tenantId, addOnKey: 'aircall_surveys', userIds: [users[0]] })).toBe('NOT_ASSIGNABLE');
    expect(await graph.errorCode(SET, { userId: users[0], addOnKey: 'no_such_add_on', enabled: true })).toBe('NOT_FOUND');
  });

  it('R19: during a trial every user has access; only owners and admins start one', async () => {
    const endsAt = '2028-01-01T00:00:00Z';
    expect(await graph.errorCode(TRIAL, { tenantId, addOnKey: 'whatsapp', endsAt }, customer(tenantId, 'SUPERVISOR'))).toBe('FORBIDDEN');
    expect(await graph.errorCode(TRIAL, { tenantId, addOnKey: 'whatsapp', endsAt }, customer(tenantId, 'AGENT'))).toBe('FORBIDDEN');
    expect(await access(users[3]!, 'whatsapp')).toEqual({ allowed: false, reason: 'NOT_LICENSED' });
    const trial = await graph.ok(TRIAL, { tenantId, addOnKey: 'whatsapp', endsAt }, customer(tenantId, 'OWNER'));
    expect(trial.startAddOnTrial).toMatchObject({ addOn: { key: 'whatsapp' }, endsAt: '2028-01-01T00:00:00.000Z' });
    expect(await access(users[3]!, 'whatsapp')).toEqual({ allowed: true, reason: 'TRIAL' });
    expect(await access(users[3]!, 'whatsapp', '2028-01-01T00:00:00Z')).toEqual({ allowed: false, reason: 'NOT_LICENSED' });
    expect(await graph.errorCode(TRIAL, { tenantId, addOnKey: 'whatsapp', endsAt }, customer(tenantId, 'ADMIN'))).toBe('BAD_USER_INPUT');
  });

  it('R20: before the enforcement date every user keeps access; from it, only licensed users', async () => {
    const unlicensed = await mappedUser(graph, tenantId, subscriptionId);
    expect(await graph.errorCode(ENFORCE, { tenantId, addOnKey: 'ai_assist', enforcedFrom: '2026-06-30T00:00:00Z' }, customer(tenantId, 'OWNER'))).toBe('FORBIDDEN');
    const set = await graph.ok(ENFORCE, { tenantId, addOnKey: 'ai_assist', enforcedFrom: '2026-06-30T00:00:00Z' });
    expect(set.setAddOnEnforcement).toEqual({ addOn: { key: 'ai_assist' }, enforcedFrom: '2026-06-30T00:00:00.000Z' });
    expect(await access(unlicensed, 'ai_assist', '2026-06-29T23:59:59Z')).toEqual({ allowed: true, reason: 'GRACE_PERIOD' });
    expect(await access(unlicensed, 'ai_assist', '2026-06-30T00:00:00Z')).toEqual({ allowed: false, reason: 'NOT_LICENSED' });
    // Unassigned licences are not lost: the pool still holds what was bought.
    expect((await pool('ai_assist')).purchased).toBe(5);
  });

  it('R25: every reason is reachable: included, not in plan, inactive subscription, user not mapped', async () => {
    expect(await access(users[0]!, 'calling')).toEqual({ allowed: true, reason: 'INCLUDED_IN_PLAN' });
    expect(await access(users[0]!, 'cobrowse')).toEqual({ allowed: false, reason: 'NOT_IN_PLAN' });
    expect(await access(users[0]!, 'calling', '2030-01-01T00:00:00Z')).toEqual({ allowed: false, reason: 'SUBSCRIPTION_INACTIVE' });
    const unmapped = await mappedUser(graph, tenantId, null);
    expect(await access(unmapped, 'calling')).toEqual({ allowed: false, reason: 'USER_NOT_MAPPED' });
  });

  it('R21: under a hard cap (Zoom-style) an assignment beyond the purchased count is refused and the pool is unchanged', async () => {
    const zoom = await aTenant(graph, { name: 'Zoom tenant' });
    const sub = await aSubscription(graph, zoom, { planKey: 'zoom_premium', telephony: 'ZOOM_PHONE', ...NOW_TERM, addOns: [{ addOnKey: 'quality_management', quantity: 1 }] });
    const [a, b, c] = [await mappedUser(graph, zoom, sub), await mappedUser(graph, zoom, sub), await mappedUser(graph, zoom, sub)];
    await graph.ok(SET, { userId: a, addOnKey: 'quality_management', enabled: true });
    expect(await graph.errorCode(SET, { userId: b, addOnKey: 'quality_management', enabled: true })).toBe('LICENSE_LIMIT_REACHED');
    expect(await graph.errorCode(BULK, { tenantId: zoom, addOnKey: 'quality_management', userIds: [b, c] })).toBe('LICENSE_LIMIT_REACHED');
    const capped = (await graph.ok(POOL, { tenantId: zoom, addOnKey: 'quality_management' })).tenant.addOnPool;
    expect(capped).toMatchObject({ purchased: 1, assigned: 1, available: 0 });
    await graph.ok(SET, { userId: a, addOnKey: 'quality_management', enabled: false });
    await graph.ok(SET, { userId: b, addOnKey: 'quality_management', enabled: true });
    expect(await access(b, 'quality_management')).toEqual({ allowed: true, reason: 'LICENSE_ASSIGNED' });
  });

  it('R24: under CONCURRENT Elite, QM and WFM need licences beyond the seats; the report and the cap say so', async () => {
    const elite = await aTenant(graph, { name: 'Elite' });
    const sub = await aSubscription(graph, elite, {
      planKey: 'zoom_elite',
      licensingModel: 'CONCURRENT',
      telephony: 'ZOOM_PHONE',
      ...NOW_TERM,
      items: [{ usageType: 'AGENT_PREMIUM', quantity: 2 }],
      addOns: [{ addOnKey: 'quality_management', quantity: 1 }],
    });
    const agents: string[] = [];
    for (let i = 0; i < 5; i++) agents.push(await mappedUser(graph, elite, sub));
    const report = (await graph.ok(REQUIREMENTS, { tenantId: elite })).tenant.addOnRequirements;
    expect(report).toEqual([
      { addOn: { key: 'quality_management' }, usersNeedingAccess: 5, coveredBySeats: 2, required: 3, purchased: 1, shortfall: 2 },
      { addOn: { key: 'workforce_management' }, usersNeedingAccess: 5, coveredBySeats: 2, required: 3, purchased: 0, shortfall: 3 },
    ]);
    // QM assignments are capped at seats (2) + purchased (1).
    const bulk = await graph.ok(BULK, { tenantId: elite, addOnKey: 'quality_management', userIds: agents.slice(0, 3) });
    expect(bulk.bulkAssignAddOn).toMatchObject({ assigned: 3, purchased: 0, pool: { purchased: 3, assigned: 3, available: 0 } });
    expect(await graph.errorCode(SET, { userId: agents[3], addOnKey: 'quality_management', enabled: true })).toBe('LICENSE_LIMIT_REACHED');
    expect(await access(agents[0]!, 'quality_management')).toEqual({ allowed: true, reason: 'LICENSE_ASSIGNED' });
    expect(await access(agents[3]!, 'quality_management')).toEqual({ allowed: false, reason: 'NOT_LICENSED' });
    // AI Expert Assist needs no extra licence.
    expect(await access(agents[3]!, 'ai_expert_assist')).toEqual({ allowed: true, reason: 'INCLUDED_IN_PLAN' });
  });

  it('R24: under NAMED Elite every user has QM, WFM and AI Expert Assist', async () => {
    const named = await aTenant(graph, { name: 'Elite named' });
    const sub = await aSubscription(graph, named, { planKey: 'zoom_elite', telephony: 'ZOOM_PHONE', ...NOW_TERM });
    const user = await mappedUser(graph, named, sub);
    for (const key of ['quality_management', 'workforce_management', 'ai_expert_assist']) {
      expect(await access(user, key)).toEqual({ allowed: true, reason: 'INCLUDED_IN_PLAN' });
    }
    expect((await graph.ok(REQUIREMENTS, { tenantId: named })).tenant.addOnRequirements).toEqual([]);
  });
});
