import { aSubscription, aTenant } from '../support/arrange';
import { startGraph, type TestGraph } from '../support/start-graph';
import { customer } from '../support/tokens';

/**
 * R37 end to end: the cover of Elite concurrent seats (R24) belongs to users mapped to an
 * Elite subscription; what a plan includes per seat is not "already purchased".
 */
const SET = `mutation ($u: ID!, $a: String!, $on: Boolean!) { setAddOnAssignment(input: { userId: $u, addOnKey: $a, enabled: $on }) { purchased pool { purchased assigned available seatCover } } }`;
const POOL = `query ($t: ID!, $a: String!) { tenant(id: $t) { addOnPool(addOnKey: $a) { purchased assigned available seatCover } } }`;
const REQUIREMENTS = `query ($t: ID!) { tenant(id: $t) { addOnRequirements { addOn { key } usersNeedingAccess coveredBySeats required purchased shortfall } } }`;
const ACTIONS = `query ($t: ID!, $a: String!) { tenant(id: $t) { selfServiceActions(addOnKey: $a) } }`;
const PURCHASE = `mutation ($input: PurchaseAddOnInput!) { purchaseAddOn(input: $input) { quantity prorationInvoice { lineItems { kind quantity addOn { key } } } } }`;
const MAP = `mutation ($u: ID!, $s: ID!) { mapUserToSubscription(userId: $u, subscriptionId: $s) { id } }`;
const TERM = { startsAt: '2026-01-01T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' };

describe('R37: Elite cover belongs to Elite users, through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  async function agent(tenantId: string, subscriptionId: string, name: string): Promise<string> {
    const data = await graph.ok(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      input: { tenantId, name, email: `${name.toLowerCase().replace(/\W/g, '')}-${Math.random().toString(36).slice(2, 8)}@elite.example`, role: 'AGENT', subscriptionId },
    });
    return data.createUser.id;
  }

  it('R37: with Premium (3 seats) and Elite (2 seats) and no QM licence, the Premium agent is refused QM and both Elite agents are covered', async () => {
    const tenantId = await aTenant(graph, { name: 'Premium and Elite' });
    const premium = await aSubscription(graph, tenantId, { planKey: 'zoom_premium', licensingModel: 'CONCURRENT', telephony: 'ZOOM_PHONE', ...TERM, items: [{ usageType: 'AGENT_STANDARD', quantity: 3 }] });
    const elite = await aSubscription(graph, tenantId, { name: 'Elite', planKey: 'zoom_elite', licensingModel: 'CONCURRENT', telephony: 'ZOOM_PHONE', ...TERM, items: [{ usageType: 'AGENT_PREMIUM', quantity: 2 }] });
    const premiumAgent = await agent(tenantId, premium, 'Premium agent');
    const [eliteA, eliteB] = [await agent(tenantId, elite, 'Elite A'), await agent(tenantId, elite, 'Elite B')];

    const refused = await graph.query(SET, { u: premiumAgent, a: 'quality_management', on: true });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('LICENSE_LIMIT_REACHED');
    expect((await graph.ok(SET, { u: eliteA, a: 'quality_management', on: true })).setAddOnAssignment.pool).toEqual({ purchased: 2, assigned: 1, available: 1, seatCover: 2 });
    expect((await graph.ok(SET, { u: eliteB, a: 'quality_management', on: true })).setAddOnAssignment.pool).toEqual({ purchased: 2, assigned: 2, available: 0, seatCover: 2 });
    // The report agrees with the pool: the two Elite users need access, the seats cover both.
    const report = (await graph.ok(REQUIREMENTS, { t: tenantId })).tenant.addOnRequirements;
    expect(report.find((r: { addOn: { key: string } }) => r.addOn.key === 'quality_management')).toEqual({ addOn: { key: 'quality_management' }, usersNeedingAccess: 2, coveredBySeats: 2, required: 0, purchased: 0, shortfall: 0 });

    // An Elite agent moved to the Premium subscription would hold QM with no licence: refused, nothing changes.
    const moved = await graph.query(MAP, { u: eliteA, s: premium });
    expect(moved.body.errors?.[0]).toMatchObject({ extensions: { code: 'LICENSE_LIMIT_REACHED' }, message: expect.stringMatching(/quality_management/) });
    expect((await graph.ok(`query ($u: ID!) { user(id: $u) { subscription { id } } }`, { u: eliteA })).user.subscription.id).toBe(elite);
  });

  it('R37: the owner of a concurrent Elite tenant with 2 seats and 4 agents buys WFM licences through self-service; then the agents beyond the seats are covered', async () => {
    const tenantId = await aTenant(graph, { name: 'Elite with more agents' });
    const elite = await aSubscription(graph, tenantId, { planKey: 'zoom_elite', licensingModel: 'CONCURRENT', telephony: 'ZOOM_PHONE', ...TERM, items: [{ usageType: 'AGENT_PREMIUM', quantity: 2 }] });
    const agents: string[] = [];
    for (let i = 0; i < 4; i++) agents.push(await agent(tenantId, elite, `Elite agent ${i}`));
    const owner = customer(tenantId, 'OWNER');
    expect((await graph.ok(ACTIONS, { t: tenantId, a: 'workforce_management' }, owner)).tenant.selfServiceActions).toContain('SUBSCRIBE_NOW');
    const bought = await graph.ok(PURCHASE, { input: { tenantId, addOnKey: 'workforce_management', quantity: 2, idempotencyKey: 'wfm-for-agents-3-and-4' } }, owner);
    expect(bought.purchaseAddOn.quantity).toBe(2);
    expect(bought.purchaseAddOn.prorationInvoice.lineItems).toEqual([{ kind: 'PRORATION', quantity: 2, addOn: { key: 'workforce_management' } }]);
    expect((await graph.ok(POOL, { t: tenantId, a: 'workforce_management' })).tenant.addOnPool).toEqual({ purchased: 4, assigned: 0, available: 4, seatCover: 2 });
    for (const userId of agents) await graph.ok(SET, { u: userId, a: 'workforce_management', on: true });
    expect((await graph.ok(POOL, { t: tenantId, a: 'workforce_management' })).tenant.addOnPool).toEqual({ purchased: 4, assigned: 4, available: 0, seatCover: 2 });
    // Bought once: further licences come from an operator (R31), as for any add-on.
    expect(await graph.errorCode(PURCHASE, { input: { tenantId, addOnKey: 'workforce_management', quantity: 1, idempotencyKey: 'again' } }, owner)).toBe('ALREADY_PURCHASED');
    // Under NAMED, Elite includes WFM for every user: nothing to buy.
    const named = await aTenant(graph, { name: 'Elite named' });
    await aSubscription(graph, named, { planKey: 'zoom_elite', telephony: 'ZOOM_PHONE', ...TERM });
    expect(await graph.errorCode(PURCHASE, { input: { tenantId: named, addOnKey: 'workforce_management', quantity: 1, idempotencyKey: 'named' } }, customer(named, 'OWNER'))).toBe('ALREADY_PURCHASED');
    expect((await graph.ok(ACTIONS, { t: named, a: 'workforce_management' }, customer(named, 'OWNER'))).tenant.selfServiceActions).not.toContain('SUBSCRIBE_NOW');
  });
});
