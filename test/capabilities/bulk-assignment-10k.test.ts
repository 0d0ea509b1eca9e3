import { newId } from '../../subgraphs/kernel/ids';
import { User } from '../../subgraphs/entitlements/entities/user.entity';
import { aSubscription, aTenant } from '../support/arrange';
import { startGraph, type TestGraph } from '../support/start-graph';

const BULK = /* GraphQL */ `
  mutation BulkAssignAddOn($tenantId: ID!, $addOnKey: String!, $userIds: [ID!]!) {
    bulkAssignAddOn(input: { tenantId: $tenantId, addOnKey: $addOnKey, userIds: $userIds }) { assigned purchased pool { purchased assigned available } }
  }
`;

describe('bulk assignment at scale (R18)', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  it('R18: assigns 10,000 users in one call, buying exactly the gap', async () => {
    const tenantId = await aTenant(graph);
    await aSubscription(graph, tenantId, {
      planKey: 'aircall_professional',
      telephony: 'AIRCALL_TELEPHONY',
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: '2030-01-01T00:00:00Z',
      addOns: [{ addOnKey: 'whatsapp', quantity: 100 }],
    });
    // 10,000 users through createUser would take minutes; they are written to Entitlements' own tables.
    const entitlements = graph.subgraphs.subgraphs.find((s) => s.name === 'entitlements')!;
    const em = entitlements.orm.em.fork();
    const now = new Date();
    const ids = Array.from({ length: 10_000 }, () => newId('usr', now));
    for (let i = 0; i < ids.length; i += 1_000) {
      await em.insertMany(
        User,
        ids.slice(i, i + 1_000).map((id, k) => ({ id, tenantId, name: `Bulk ${i + k}`, email: `bulk-${i + k}@example.com`, role: 'AGENT' as const, createdAt: now })),
      );
    }
    const result = await graph.ok(BULK, { tenantId, addOnKey: 'whatsapp', userIds: ids });
    expect(result.bulkAssignAddOn).toEqual({ assigned: 10_000, purchased: 9_900, pool: { purchased: 10_000, assigned: 10_000, available: 0 } });
    const again = await graph.ok(BULK, { tenantId, addOnKey: 'whatsapp', userIds: ids.slice(0, 5_000) });
    expect(again.bulkAssignAddOn.assigned).toBe(0);
  });
});
