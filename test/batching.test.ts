import { aSubscription, aTenant } from './support/arrange';
import { startGraph, type TestGraph } from './support/start-graph';
import { insertUsers } from './support/users';

const PAGE = /* GraphQL */ `
  query TenantPage($tenantId: ID!, $first: Int) {
    tenant(id: $tenantId) {
      addOnPool(addOnKey: "ai_assist") { purchased assigned available }
      users(first: $first) {
        totalCount
        edges {
          node {
            id name role
            subscription { id status }
            addOnAssignments { addOn { key } assignedAt }
            aiAssist: access(key: "ai_assist") { allowed reason }
            whatsapp: access(key: "whatsapp") { allowed reason }
            analytics: access(key: "analytics_plus") { allowed reason }
          }
        }
      }
    }
  }
`;

/**
 * ARCHITECTURE.md, issue 7 (target 2): in a tenant of 10,000 users, a page of users with
 * their assignments, the pool, their subscription and access to three add-ons makes a
 * fixed number of SQL queries in every subgraph, whatever the page size.
 */
describe('the cost of a page does not grow with the page', () => {
  let graph: TestGraph;
  let tenantId: string;
  beforeAll(async () => {
    graph = await startGraph();
    tenantId = await aTenant(graph);
    const subscriptionId = await aSubscription(graph, tenantId, {
      planKey: 'aircall_essentials',
      telephony: 'AIRCALL_TELEPHONY',
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: '2030-01-01T00:00:00Z',
      addOns: [{ addOnKey: 'ai_assist', quantity: 400 }, { addOnKey: 'analytics_plus', quantity: 1 }],
    });
    const em = graph.subgraphs.subgraphs.find((s) => s.name === 'entitlements')!.orm.em;
    const ids = await insertUsers(em, { tenantId, subscriptionId, count: 10_000, createdAt: new Date('2026-02-01T00:00:00Z') });
    await graph.ok(/* GraphQL */ `mutation ($tenantId: ID!, $ids: [ID!]!) { bulkAssignAddOn(input: { tenantId: $tenantId, addOnKey: "ai_assist", userIds: $ids }) { assigned } }`, {
      tenantId,
      ids: ids.slice(0, 300),
    });
  });
  afterAll(() => graph?.stop());

  it('pages of 25, 100 and 500 users cost the same number of SQL queries in every subgraph', async () => {
    const counts: Record<number, Record<string, number>> = {};
    for (const first of [25, 100, 500]) {
      graph.sql.reset();
      const data = await graph.ok(PAGE, { tenantId, first });
      expect(data.tenant.users.edges).toHaveLength(first);
      expect(data.tenant.users.totalCount).toBe(10_000);
      const node = data.tenant.users.edges[0].node;
      expect(node.aiAssist).toEqual({ allowed: true, reason: 'LICENSE_ASSIGNED' });
      expect(node.analytics).toEqual({ allowed: true, reason: 'ACCOUNT_LEVEL' });
      counts[first] = Object.fromEntries(
        // The relays poll their outboxes every second, whatever the request: not the page's cost.
        (['catalog', 'entitlements', 'subscriptions', 'invoicing'] as const).map((name) => [name, graph.sql.of(name, true).filter((s) => !s.includes('outbox_message')).length]),
      );
    }
    expect(counts[100]).toEqual(counts[25]);
    expect(counts[500]).toEqual(counts[25]);
    expect(counts[25]!.entitlements).toBeLessThan(20);
  });
});
