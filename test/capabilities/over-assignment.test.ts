import { aSubscription, aTenant } from '../support/arrange';
import { eventually } from '../support/eventually';
import { startGraph, type TestGraph } from '../support/start-graph';
import { customer } from '../support/tokens';

/**
 * R36 end to end: no pool is ever read with more assignments than licences, at any
 * instant; a renewal that would leave fewer licences than assignments is refused unless
 * it names who loses them or asks for NEWEST_FIRST; a term that ends without renewal
 * ends, at its end, the assignments beyond what remains, newest first. Every end is
 * audited. The graph's clock is set: 1 June 2026, the term runs through 2026.
 */
const POOL = `query ($t: ID!, $at: DateTime) { tenant(id: $t) { addOnPool(addOnKey: "ai_assist", at: $at) { purchased assigned available } } }`;
const SET = `mutation ($u: ID!, $on: Boolean!, $at: DateTime) { setAddOnAssignment(input: { userId: $u, addOnKey: "ai_assist", enabled: $on, at: $at }) { purchased pool { purchased assigned available } } }`;
const RENEW = /* GraphQL */ `
  mutation ($input: RenewSubscriptionInput!) { renewSubscription(input: $input) { id endsAt addOns { addOn { key } quantity } } }
`;
const HELD = `query ($u: ID!) { user(id: $u) { addOnAssignmentHistory { addOn { key } assignedAt unassignedAt } addOnAssignments { addOn { key } unassignedAt ending } } }`;
const AUDIT = `query ($t: ID!) { tenant(id: $t) { auditLog(first: 200) { edges { node { action entityId at after } } } } }`;

const TERM_END = '2027-01-01T00:00:00Z';
const INSTANTS = ['2026-06-01T00:00:00Z', '2026-12-31T23:59:59Z', TERM_END, '2027-06-01T00:00:00Z', '2028-06-01T00:00:00Z'];

describe('R36: no silent over-assignment, through the gateway', () => {
  let graph: TestGraph;
  let now = new Date('2026-06-01T00:00:00Z');
  beforeAll(async () => {
    graph = await startGraph({ clock: () => now });
  });
  beforeEach(() => {
    now = new Date('2026-06-01T00:00:00Z');
  });
  afterAll(() => graph?.stop());

  /** A tenant with AI Assist 5 in its subscription, 7 users assigned one after the other: 2 licences bought. */
  async function sevenAssigned(name: string) {
    const tenantId = await aTenant(graph, { name });
    const subscriptionId = await aSubscription(graph, tenantId, {
      planKey: 'aircall_essentials',
      telephony: 'AIRCALL_TELEPHONY',
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: TERM_END,
      addOns: [{ addOnKey: 'ai_assist', quantity: 5 }],
    });
    const users: string[] = [];
    for (let i = 0; i < 7; i++) {
      const data = await graph.ok(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
        input: { tenantId, name: `Agent ${i}`, email: `agent-${i}@${name.toLowerCase().replace(/\W/g, '')}.example`, role: 'AGENT', subscriptionId, at: '2026-01-01T00:00:00Z' },
      });
      users.push(data.createUser.id);
    }
    // Assigned a day apart, oldest first.
    for (const [i, userId] of users.entries()) await graph.ok(SET, { u: userId, on: true, at: `2026-02-0${i + 1}T00:00:00Z` });
    return { tenantId, subscriptionId, users };
  }
  const pool = async (tenantId: string, at?: string) => (await graph.ok(POOL, { t: tenantId, at })).tenant.addOnPool;
  const neverOver = async (tenantId: string) => {
    for (const at of INSTANTS) {
      const p = await pool(tenantId, at);
      expect([at, p.assigned <= p.purchased]).toEqual([at, true]);
    }
  };

  it('R36: a term that ends without renewal ends the assignments beyond what remains (the 2 bought), newest first, at its end; audited', async () => {
    const { tenantId, users } = await sevenAssigned('Lapsing');
    expect(await pool(tenantId)).toEqual({ purchased: 7, assigned: 7, available: 0 });
    expect(await pool(tenantId, TERM_END)).toEqual({ purchased: 2, assigned: 2, available: 0 });
    await neverOver(tenantId);
    // The two oldest keep the bought licences; the five newest hold theirs until the term ends.
    for (const [i, userId] of users.entries()) {
      const held = (await graph.ok(HELD, { u: userId })).user.addOnAssignments;
      expect(held).toEqual([{ addOn: { key: 'ai_assist' }, unassignedAt: i < 2 ? null : '2027-01-01T00:00:00.000Z', ending: i < 2 ? null : 'LICENCES_ENDED' }]);
    }
    // Audited as it was worked out: each of the first five was assigned with the term's end as its own (nothing
    // bought yet); the sixth and seventh bought a licence each, and each time the newest took the end of the oldest.
    const audit = (await graph.ok(AUDIT, { t: tenantId })).tenant.auditLog.edges.map((e: { node: { action: string; at: string; after: string | null } }) => e.node);
    const assignedWithEnd = audit.filter((e: { action: string; after: string | null }) => e.action === 'licence.assigned' && JSON.parse(e.after ?? '{}').endsAt === '2027-01-01T00:00:00.000Z');
    expect(assignedWithEnd).toHaveLength(5);
    expect(audit.filter((e: { action: string; at: string }) => e.action === 'licence.ended' && e.at === '2027-01-01T00:00:00.000Z')).toHaveLength(2);
    expect(audit.filter((e: { action: string }) => e.action === 'licence.end_cancelled')).toHaveLength(2);
  });

  it('R36: a renewal that cuts AI Assist from 5 to 1 with 2 bought and 7 assigned is refused: 4 must end', async () => {
    const { tenantId, subscriptionId, users } = await sevenAssigned('Cutting');
    const renewal = { subscriptionId, endsAt: '2028-01-01T00:00:00Z', addOns: [{ addOnKey: 'ai_assist', quantity: 1 }] };
    const refused = await graph.query(RENEW, { input: renewal });
    expect(refused.body.errors?.[0]).toMatchObject({
      extensions: { code: 'LICENSE_LIMIT_REACHED' },
      message: expect.stringMatching(/leaves 3 licence\(s\) of ai_assist from 2027-01-01T00:00:00.000Z for 7 assignments: 4 must end/),
    });
    // Naming too few users is refused too; nothing changed.
    const tooFew = await graph.query(RENEW, { input: { ...renewal, releaseAssignments: [{ addOnKey: 'ai_assist', userIds: users.slice(0, 2) }] } });
    expect(tooFew.body.errors?.[0]).toMatchObject({ extensions: { code: 'LICENSE_LIMIT_REACHED' }, message: expect.stringMatching(/4 must end \(2 named\)/) });
    const subscription = (await graph.ok(`query ($s: ID!) { subscription(id: $s) { endsAt } }`, { s: subscriptionId })).subscription;
    expect(subscription.endsAt).toBe('2027-01-01T00:00:00.000Z');

    // NEWEST_FIRST: the 4 most recent assignments end when the new term starts; the pool then holds 3, assigned 3.
    await graph.ok(RENEW, { input: { ...renewal, overAssignment: 'NEWEST_FIRST' } });
    expect(await pool(tenantId)).toEqual({ purchased: 7, assigned: 7, available: 0 });
    expect(await pool(tenantId, TERM_END)).toEqual({ purchased: 3, assigned: 3, available: 0 });
    await neverOver(tenantId);
    // The two oldest keep the bought licences; the third the one licence, until the renewed term ends (no renewal after it yet).
    const ends = await Promise.all(users.map(async (u) => (await graph.ok(HELD, { u })).user.addOnAssignments[0].unassignedAt));
    const end = TERM_END.replace('Z', '.000Z');
    expect(ends).toEqual([null, null, '2028-01-01T00:00:00.000Z', end, end, end, end]);
    // The third's end moved from the old term's end to the new one's, audited (the entry reaches the tenant's log by event).
    const endedIn2028 = async () =>
      (await graph.ok(AUDIT, { t: tenantId })).tenant.auditLog.edges.filter((e: { node: { action: string; at: string } }) => e.node.action === 'licence.ended' && e.node.at === '2028-01-01T00:00:00.000Z');
    expect(await eventually(endedIn2028, (entries) => entries.length > 0, 5_000)).toHaveLength(1);
  });

  it('R36: a renewal that names the users who lose the licence ends exactly theirs', async () => {
    const { tenantId, subscriptionId, users } = await sevenAssigned('Naming');
    const leaving = [users[0]!, users[2]!, users[4]!, users[6]!];
    await graph.ok(RENEW, { input: { subscriptionId, endsAt: '2028-01-01T00:00:00Z', addOns: [{ addOnKey: 'ai_assist', quantity: 1 }], releaseAssignments: [{ addOnKey: 'ai_assist', userIds: leaving }] } });
    expect(await pool(tenantId, TERM_END)).toEqual({ purchased: 3, assigned: 3, available: 0 });
    await neverOver(tenantId);
    const endings = await Promise.all(users.map(async (u) => (await graph.ok(HELD, { u })).user.addOnAssignments[0]));
    expect(endings.map((held: { unassignedAt: string | null; ending: string | null }) => [held.unassignedAt, held.ending])).toEqual([
      ['2027-01-01T00:00:00.000Z', 'RELEASED'],
      [null, null],
      ['2027-01-01T00:00:00.000Z', 'RELEASED'],
      [null, null],
      ['2027-01-01T00:00:00.000Z', 'RELEASED'],
      // The renewed term's one licence ends with it: the newest of the three who stay holds it.
      ['2028-01-01T00:00:00.000Z', 'LICENCES_ENDED'],
      ['2027-01-01T00:00:00.000Z', 'RELEASED'],
    ]);
  });

  it('R36: a renewal that keeps enough licences needs no request; the ends move to the end of the renewed term', async () => {
    const { tenantId, subscriptionId, users } = await sevenAssigned('Keeping');
    await graph.ok(RENEW, { input: { subscriptionId, endsAt: '2028-01-01T00:00:00Z' } });
    expect(await pool(tenantId, TERM_END)).toEqual({ purchased: 7, assigned: 7, available: 0 });
    expect(await pool(tenantId, '2028-01-01T00:00:00Z')).toEqual({ purchased: 2, assigned: 2, available: 0 });
    const ends = await Promise.all(users.map(async (u) => (await graph.ok(HELD, { u })).user.addOnAssignments[0].unassignedAt));
    expect(ends).toEqual([null, null, ...Array(5).fill('2028-01-01T00:00:00.000Z')]);
  });

  it('R36: an assignment made into a pool whose licences end later ends then, unless licences remain; a freed one lets the oldest ending keep it', async () => {
    const { tenantId, users } = await sevenAssigned('Freeing');
    // The oldest (holding a bought licence) leaves: the oldest of the five ending keeps its licence past the term.
    await graph.ok(SET, { u: users[0], on: false });
    expect(await pool(tenantId, TERM_END)).toEqual({ purchased: 2, assigned: 2, available: 0 });
    expect((await graph.ok(HELD, { u: users[2] })).user.addOnAssignments[0].unassignedAt).toBeNull();
    expect((await graph.ok(HELD, { u: users[3] })).user.addOnAssignments[0].unassignedAt).toBe('2027-01-01T00:00:00.000Z');
    await neverOver(tenantId);
  });

  it('R36: a backdated renewal that cut licences ends assignments at once; their users can be assigned again', async () => {
    const tenantId = await aTenant(graph, { name: 'Backdated' });
    const subscriptionId = await aSubscription(graph, tenantId, { planKey: 'aircall_essentials', telephony: 'AIRCALL_TELEPHONY', startsAt: '2025-01-01T00:00:00Z', endsAt: '2026-03-01T00:00:00Z', addOns: [{ addOnKey: 'ai_assist', quantity: 2 }] });
    const users: string[] = [];
    for (let i = 0; i < 2; i++) {
      const data = await graph.ok(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { tenantId, name: `B${i}`, email: `b${i}@backdated.example`, role: 'AGENT', subscriptionId, at: '2025-01-01T00:00:00Z' } });
      users.push(data.createUser.id);
      await graph.ok(SET, { u: data.createUser.id, on: true, at: `2025-02-0${i + 1}T00:00:00Z` });
    }
    // The term ended on 1 March; the renewal from then keeps one licence: the newest assignment ended then.
    await graph.ok(RENEW, { input: { subscriptionId, endsAt: '2027-03-01T00:00:00Z', addOns: [{ addOnKey: 'ai_assist', quantity: 1 }], overAssignment: 'NEWEST_FIRST', at: '2026-02-15T00:00:00Z' } });
    expect(await pool(tenantId)).toEqual({ purchased: 1, assigned: 1, available: 0 });
    await neverOver(tenantId);
    const owner = customer(tenantId, 'OWNER');
    // The oldest holds the licence again (its end moved to the renewed term's): switching it on changes nothing.
    expect((await graph.ok(SET, { u: users[0], on: true }, owner)).setAddOnAssignment).toEqual({ purchased: 0, pool: { purchased: 1, assigned: 1, available: 0 } });
    // Assigned again now: the pool is full, so AUTO_PURCHASE buys one.
    const again = await graph.ok(SET, { u: users[1], on: true }, owner);
    expect(again.setAddOnAssignment).toEqual({ purchased: 1, pool: { purchased: 2, assigned: 2, available: 0 } });
    // And the oldest can be switched off.
    expect((await graph.ok(SET, { u: users[0], on: false }, owner)).setAddOnAssignment.pool).toEqual({ purchased: 2, assigned: 1, available: 1 });
  });

  it('R36: a renewal made after its term ended that continues it without a gap brings back the assignments its end had ended', async () => {
    const tenantId = await aTenant(graph, { name: 'Late renewal' });
    const subscriptionId = await aSubscription(graph, tenantId, { planKey: 'aircall_essentials', telephony: 'AIRCALL_TELEPHONY', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-07-01T00:00:00Z', addOns: [{ addOnKey: 'ai_assist', quantity: 2 }] });
    for (let i = 0; i < 2; i++) {
      const data = await graph.ok(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { tenantId, name: `L${i}`, email: `l${i}@late.example`, role: 'AGENT', subscriptionId, at: '2026-01-01T00:00:00Z' } });
      await graph.ok(SET, { u: data.createUser.id, on: true, at: `2026-02-0${i + 1}T00:00:00Z` });
    }
    now = new Date('2026-07-02T00:00:00Z');
    expect(await pool(tenantId)).toEqual({ purchased: 0, assigned: 0, available: 0 });
    await graph.ok(RENEW, { input: { subscriptionId, endsAt: '2027-07-01T00:00:00Z' } });
    expect(await pool(tenantId)).toEqual({ purchased: 2, assigned: 2, available: 0 });
    await neverOver(tenantId);
  });

  it('R36: a user assigned again after an end keeps one assignment when a later walk works the pool out again', async () => {
    const tenantId = await aTenant(graph, { name: 'Reassigned' });
    const ai = (quantity: number) => [{ addOnKey: 'ai_assist', quantity }];
    const a = await aSubscription(graph, tenantId, { name: 'A', planKey: 'aircall_essentials', telephony: 'AIRCALL_TELEPHONY', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-07-01T00:00:00Z', addOns: ai(1) });
    const b = await aSubscription(graph, tenantId, { name: 'B', planKey: 'aircall_essentials', telephony: 'AIRCALL_TELEPHONY', startsAt: '2026-01-01T00:00:00Z', endsAt: '2027-01-01T00:00:00Z', addOns: ai(2) });
    const agent = async (name: string) =>
      (await graph.ok(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { tenantId, name, email: `${name}@reassigned.example`, role: 'AGENT', subscriptionId: b, at: '2026-01-01T00:00:00Z' } })).createUser.id as string;
    const [x, u, v] = [await agent('x'), await agent('u'), await agent('v')];
    for (const [i, user] of [x, u, v].entries()) await graph.ok(SET, { u: user, on: true, at: `2026-05-0${i + 1}T00:00:00Z` });
    // A ends on 1 July: v, the newest, loses its licence then. In August x leaves and v is assigned again.
    now = new Date('2026-08-01T00:00:00Z');
    await graph.ok(SET, { u: x, on: false });
    now = new Date('2026-08-02T00:00:00Z');
    expect((await graph.ok(SET, { u: v, on: true })).setAddOnAssignment.purchased).toBe(0);
    // A renewal backdated before A's end walks the pool again from then: v's first assignment keeps its end.
    await graph.ok(RENEW, { input: { subscriptionId: a, endsAt: '2026-10-01T00:00:00Z', addOns: ai(1), at: '2026-06-15T00:00:00Z' } });
    const history = (await graph.ok(HELD, { u: v })).user.addOnAssignmentHistory;
    // (Its second ends with B, which is not renewed; nothing ends on 1 October, when the renewed A ends.)
    expect(history.map((h: { unassignedAt: string | null }) => h.unassignedAt)).toEqual(['2026-07-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
    await neverOver(tenantId);
  });

  it('R36: renewing another subscription unchanged needs no request, whatever the ending one ends', async () => {
    const tenantId = await aTenant(graph, { name: 'Two subscriptions' });
    await aSubscription(graph, tenantId, { name: 'A', planKey: 'aircall_essentials', telephony: 'AIRCALL_TELEPHONY', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-07-01T00:00:00Z', addOns: [{ addOnKey: 'ai_assist', quantity: 5 }] });
    const b = await aSubscription(graph, tenantId, { name: 'B', planKey: 'aircall_essentials', telephony: 'AIRCALL_TELEPHONY', startsAt: '2026-01-01T00:00:00Z', endsAt: '2027-01-01T00:00:00Z', addOns: [{ addOnKey: 'ai_assist', quantity: 2 }] });
    for (let i = 0; i < 7; i++) {
      const data = await graph.ok(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { tenantId, name: `T${i}`, email: `t${i}@two.example`, role: 'AGENT', subscriptionId: b, at: '2026-01-01T00:00:00Z' } });
      await graph.ok(SET, { u: data.createUser.id, on: true, at: `2026-02-0${i + 1}T00:00:00Z` });
    }
    expect((await graph.query(RENEW, { input: { subscriptionId: b, endsAt: '2028-01-01T00:00:00Z' } })).body.errors).toBeUndefined();
    // Cutting B by one is this renewal's doing: one more must end.
    const cut = await graph.query(RENEW, { input: { subscriptionId: b, endsAt: '2029-01-01T00:00:00Z', addOns: [{ addOnKey: 'ai_assist', quantity: 1 }] } });
    expect(cut.body.errors?.[0]).toMatchObject({ extensions: { code: 'LICENSE_LIMIT_REACHED' }, message: expect.stringMatching(/1 must end/) });
    await neverOver(tenantId);
  });
});
