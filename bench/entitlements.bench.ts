/**
 * Issue 4's speed targets, through the gateway on the embedded database:
 * - a page of 100 users of a 10,000-user tenant with their assignments and access for
 *   three add-ons: p50 under 50 ms;
 * - a concurrency report over 1,000,000 sessions: under 2 s and under 500 MB.
 * Users and sessions are written straight into Entitlements' tables (the mutations
 * would take minutes); everything else goes through the public mutations.
 */
import { AgentSession } from '../subgraphs/entitlements/entities/agent-session.entity';
import { newId } from '../subgraphs/kernel/ids';
import { aSubscription, aTenant } from '../test/support/arrange';
import { startGraph } from '../test/support/start-graph';
import { insertUsers } from '../test/support/users';
import { measure, type Latency } from './measure';

const PAGE = /* GraphQL */ `
  query TenantUsers($tenantId: ID!, $first: Int, $after: String) {
    tenant(id: $tenantId) {
      users(first: $first, after: $after) {
        edges { cursor node { id name role subscription { id }
          addOnAssignments { addOn { key } }
          a: access(key: "ai_assist") { allowed reason }
          w: access(key: "whatsapp") { allowed reason }
          p: access(key: "analytics_plus") { allowed reason } } }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
  }
`;

export interface EntitlementsBench {
  readonly page: Latency;
  /** rssMb: how much the process grew while answering (the whole graph runs in it). */
  readonly concurrency: { readonly sessions: number; readonly ms: number; readonly heapMb: number; readonly rssMb: number };
}

export async function benchEntitlements(sessions = 1_000_000): Promise<EntitlementsBench> {
  const graph = await startGraph({ recordSql: false });
  try {
    const tenantId = await aTenant(graph);
    const subscriptionId = await aSubscription(graph, tenantId, {
      planKey: 'aircall_essentials',
      licensingModel: 'CONCURRENT',
      telephony: 'AIRCALL_TELEPHONY',
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: '2030-01-01T00:00:00Z',
      items: [{ usageType: 'AGENT_STANDARD', quantity: 5_000 }],
      addOns: [{ addOnKey: 'ai_assist', quantity: 5_000 }, { addOnKey: 'analytics_plus', quantity: 1 }],
    });
    const em = graph.subgraphs.subgraphs.find((s) => s.name === 'entitlements')!.orm.em;
    const ids = await insertUsers(em, { tenantId, subscriptionId, count: 10_000, createdAt: new Date('2026-02-01T00:00:00Z') });
    await graph.ok(/* GraphQL */ `mutation ($t: ID!, $ids: [ID!]!) { bulkAssignAddOn(input: { tenantId: $t, addOnKey: "ai_assist", userIds: $ids }) { assigned } }`, {
      t: tenantId,
      ids: ids.filter((_, i) => i % 2 === 0),
    });

    const token = (await import('../test/support/tokens')).tokenFor({ scope: 'licensing:provision', sub: 'bench' });
    const auth = `Bearer ${await token}`;
    let after: string | null = null;
    const page = await measure(async () => {
      const response = await fetch(graph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: auth },
        body: JSON.stringify({ query: PAGE, variables: { tenantId, first: 100, after } }),
      });
      const body = (await response.json()) as { data: { tenant: { users: { pageInfo: { endCursor: string | null; hasNextPage: boolean } } } } };
      const info = body.data.tenant.users.pageInfo;
      after = info.hasNextPage ? info.endCursor : null;
    }, 100, 10);

    // 1,000,000 sessions of 10,000 agents over 30 days: eight-hour shifts with random starts.
    const from = Date.UTC(2026, 5, 1);
    let random = 7;
    const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < sessions; i += 2_000) {
      await em.insertMany(
        AgentSession,
        Array.from({ length: Math.min(2_000, sessions - i) }, (_, k) => {
          const start = from + Math.floor(next() * 30 * 86_400_000);
          return { id: newId('ses'), tenantId, userId: ids[(i + k) % ids.length]!, startedAtMs: start, endedAtMs: start + 8 * 3_600_000, openKey: null };
        }),
      );
    }
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const start = process.hrtime.bigint();
    const data = await graph.ok(/* GraphQL */ `query ($t: ID!, $from: DateTime!, $to: DateTime!) { tenant(id: $t) { concurrency(from: $from, to: $to) { seats peak billableExcess { seats } } } }`, {
      t: tenantId,
      from: new Date(from).toISOString(),
      to: new Date(from + 31 * 86_400_000).toISOString(),
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    clearInterval(sampler);
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    if (!data.tenant.concurrency.peak) throw new Error('no concurrency computed');
    return { page, concurrency: { sessions, ms, heapMb, rssMb: (peakRss - rssBefore) / 2 ** 20 } };
  } finally {
    await graph.stop();
  }
}
