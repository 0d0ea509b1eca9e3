import { aSubscription, aTenant } from '../support/arrange';
import { startGraph, type TestGraph } from '../support/start-graph';

const SET = /* GraphQL */ `
  mutation ($userId: ID!, $addOnKey: String!) {
    setAddOnAssignment(input: { userId: $userId, addOnKey: $addOnKey, enabled: true }) { purchased pool { purchased assigned available } }
  }
`;
const POOL = /* GraphQL */ `query ($tenantId: ID!, $addOnKey: String!) { tenant(id: $tenantId) { addOnPool(addOnKey: $addOnKey) { purchased assigned available } } }`;
const HOLDERS = /* GraphQL */ `query ($id: ID!) { tenant(id: $id) { users(first: 500) { edges { node { addOnAssignments { addOn { key } } } } } } }`;

async function users(graph: TestGraph, tenantId: string, subscriptionId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const data = await graph.ok(/* GraphQL */ `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      input: { tenantId, name: `R${i}`, email: `race-${i}-${Math.random()}@example.com`, role: 'AGENT', subscriptionId },
    });
    ids.push(data.createUser.id);
  }
  return ids;
}

/** The pool never drifts from its assignment rows, whatever the interleaving (R15, R16, R21). */
describe('50 admins assigning at the same moment', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  async function holders(tenantId: string, addOnKey: string): Promise<number> {
    const edges = (await graph.ok(HOLDERS, { id: tenantId })).tenant.users.edges as { node: { addOnAssignments: { addOn: { key: string } }[] } }[];
    return edges.filter((e) => e.node.addOnAssignments.some((a) => a.addOn.key === addOnKey)).length;
  }

  it('R16: under AUTO_PURCHASE, 50 concurrent toggles on a pool of 10 take the 10 and buy exactly 40', async () => {
    const tenantId = await aTenant(graph);
    const sub = await aSubscription(graph, tenantId, { planKey: 'aircall_professional', telephony: 'AIRCALL_TELEPHONY', startsAt: '2026-01-01T00:00:00Z', endsAt: '2030-01-01T00:00:00Z', addOns: [{ addOnKey: 'whatsapp', quantity: 10 }] });
    const ids = await users(graph, tenantId, sub, 50);
    const results = await Promise.all(ids.map((userId) => graph.query(SET, { userId, addOnKey: 'whatsapp' })));
    expect(results.filter((r) => r.body.errors)).toEqual([]);
    const bought = results.reduce((n, r) => n + r.body.data.setAddOnAssignment.purchased, 0);
    expect(bought).toBe(40);
    expect((await graph.ok(POOL, { tenantId, addOnKey: 'whatsapp' })).tenant.addOnPool).toEqual({ purchased: 50, assigned: 50, available: 0 });
    expect(await holders(tenantId, 'whatsapp')).toBe(50);
  });

  it('R21: under HARD_CAP, 50 concurrent toggles on a pool of 10: exactly 10 succeed, 40 are LICENSE_LIMIT_REACHED', async () => {
    const tenantId = await aTenant(graph);
    const sub = await aSubscription(graph, tenantId, { planKey: 'zoom_premium', telephony: 'ZOOM_PHONE', startsAt: '2026-01-01T00:00:00Z', endsAt: '2030-01-01T00:00:00Z', addOns: [{ addOnKey: 'workforce_management', quantity: 10 }] });
    const ids = await users(graph, tenantId, sub, 50);
    const results = await Promise.all(ids.map((userId) => graph.query(SET, { userId, addOnKey: 'workforce_management' })));
    const codes = results.map((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(10);
    expect(codes.filter((c) => c === 'LICENSE_LIMIT_REACHED')).toHaveLength(40);
    expect((await graph.ok(POOL, { tenantId, addOnKey: 'workforce_management' })).tenant.addOnPool).toEqual({ purchased: 10, assigned: 10, available: 0 });
    expect(await holders(tenantId, 'workforce_management')).toBe(10);
  });
});
