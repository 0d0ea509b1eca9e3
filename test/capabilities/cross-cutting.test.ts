import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import { parse } from 'graphql';

import { readSupergraphSdl } from '../../schema/sdl';
import { aSubscription, aTenant } from '../support/arrange';
import { startGraph, type TestGraph } from '../support/start-graph';
import { customer } from '../support/tokens';

/**
 * R32: which subscription is responsible for a user's AI overage, answered by one query
 * through the gateway: Entitlements (the user's AI add-ons), Catalog (their usage
 * types), Subscriptions (the responsible subscription) and Invoicing (its overage lines),
 * walked by the planner over entity references.
 */
const CONTRACT = readFileSync(join(__dirname, '../../../shared/contract/operations.graphql'), 'utf8');

function fetchesOf(node: PlanNode | undefined): string[] {
  if (!node) return [];
  switch (node.kind) {
    case 'Fetch':
      return [node.serviceName];
    case 'Sequence':
    case 'Parallel':
      return node.nodes.flatMap(fetchesOf);
    case 'Flatten':
      return fetchesOf(node.node);
    default:
      throw new Error(`a plan node this test does not know: ${node.kind}`);
  }
}

/** Subgraph calls one after another on the longest path of the plan: what the client waits for. */
function roundTripsOf(node: PlanNode | undefined): number {
  if (!node) return 0;
  switch (node.kind) {
    case 'Fetch':
      return 1;
    case 'Sequence':
      return node.nodes.reduce((n, child) => n + roundTripsOf(child), 0);
    case 'Parallel':
      return Math.max(0, ...node.nodes.map(roundTripsOf));
    case 'Flatten':
      return roundTripsOf(node.node);
    default:
      throw new Error(`a plan node this test does not know: ${node.kind}`);
  }
}

function planOf(operationName: string): QueryPlan {
  const supergraph = Supergraph.build(readSupergraphSdl());
  const operation = operationFromDocument(supergraph.schema, parse(CONTRACT), { operationName });
  return new QueryPlanner(supergraph).buildQueryPlan(operation);
}

describe('R32 cross-cutting answer through the gateway', () => {
  let graph: TestGraph;
  const now = new Date('2026-04-20T06:00:00Z');
  beforeAll(async () => {
    graph = await startGraph({ clock: () => now });
  });
  afterAll(() => graph.stop());

  it("R32, R34: the user's AI overage responsibility matches tenant.responsibleSubscription, with the overage lines Invoicing charged", async () => {
    const tenantId = await aTenant(graph);
    const primary = await aSubscription(graph, tenantId, { name: 'Agents', items: [{ usageType: 'AGENT_STANDARD', quantity: 10 }] });
    const aiFirst = await aSubscription(graph, tenantId, {
      name: 'AI first',
      startsAt: '2026-01-15T00:00:00Z',
      items: [{ usageType: 'AGENT_STANDARD', quantity: 1 }, { usageType: 'AI_AGENT', quantity: 100 }],
    });
    const aiLater = await aSubscription(graph, tenantId, {
      name: 'AI later',
      startsAt: '2026-02-15T00:00:00Z',
      items: [{ usageType: 'AGENT_STANDARD', quantity: 1 }, { usageType: 'AI_AGENT', quantity: 100 }, { usageType: 'AI_ASSISTANT', quantity: 50 }],
    });
    const user = await graph.ok(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      input: { tenantId, name: 'Agent', email: 'agent@r32.example', role: 'AGENT', subscriptionId: primary, at: '2026-01-01T00:00:00Z' },
    });
    const userId = user.createUser.id;
    for (const addOnKey of ['ai_agent', 'ai_assistant', 'wfo']) {
      await graph.ok(`mutation ($u: ID!, $k: String!) { setAddOnAssignment(input: { userId: $u, addOnKey: $k, enabled: true, at: "2026-01-20T00:00:00Z" }) { user { id } } }`, {
        u: userId,
        k: addOnKey,
      });
    }
    await graph.ok(`mutation { recordUsage(input: { tenantId: "${tenantId}", usageType: AI_AGENT, quantity: 260, at: "2026-03-10T00:00:00Z" }) { quantity } }`);
    // March is charged on the responsible subscription's cycle that contains its end: Mar 15 – Apr 15.
    await graph.ok(`mutation { runBilling(tenantId: "${tenantId}", at: "2026-04-15T00:00:00Z") { invoicesIssued } }`);

    const at = '2026-03-20T00:00:00Z';
    // The contract's own operation, as clients send it.
    const operation = CONTRACT.slice(CONTRACT.indexOf('query UserAiOverageResponsibility'), CONTRACT.indexOf('query AuditLog'));
    const { body } = await graph.query(operation, { userId, at }, customer(tenantId, 'ADMIN'));
    expect(body.errors).toBeUndefined();
    const answer = body.data!.user;
    expect(answer.aiOverageResponsibility.map((r: { usageType: string; subscription: { id: string } | null }) => [r.usageType, r.subscription?.id])).toEqual([
      ['AI_AGENT', aiFirst],
      ['AI_ASSISTANT', aiLater],
    ]);
    const expected = await graph.ok(
      `query ($t: ID!, $at: DateTime) { tenant(id: $t) { a: responsibleSubscription(usageType: AI_AGENT, at: $at) { id } b: responsibleSubscription(usageType: AI_ASSISTANT, at: $at) { id } } }`,
      { t: tenantId, at },
      customer(tenantId, 'ADMIN'),
    );
    expect(answer.aiOverageResponsibility.map((r: { subscription: { id: string } }) => r.subscription.id)).toEqual([expected.tenant.a.id, expected.tenant.b.id]);
    // March: 260 AI Agent interactions on 200 included: 60 over, on the responsible subscription (R29).
    const agent = answer.aiOverageResponsibility[0].subscription;
    expect(agent.overageLineItems).toEqual([
      { amount: { amountMinor: 600, currency: 'USD' }, periodStart: '2026-03-01T00:00:00.000Z', periodEnd: '2026-04-01T00:00:00.000Z' },
    ]);
    expect(answer.aiOverageResponsibility[1].subscription.overageLineItems).toEqual([]);
    // wfo has no usage type: not an AI responsibility.
    expect(answer.addOnAssignments.map((a: { addOn: { key: string } }) => a.addOn.key).sort()).toEqual(['ai_agent', 'ai_assistant', 'wfo']);

    // Asked again, Invoicing reads only the overage lines: whose each subscription is never changes, so it is
    // kept in memory once read (runtime/process-cache.ts), and checked against the asker's tenant on every call.
    graph.sql.reset();
    const again = await graph.query(operation, { userId, at }, customer(tenantId, 'ADMIN'));
    expect(again.body).toEqual(body);
    const invoicingReads = graph.sql.of('invoicing', true).filter((s) => !s.includes('outbox_message'));
    expect(invoicingReads).toHaveLength(1);
    expect(invoicingReads.every((s) => s.includes('invoice_line'))).toBe(true);
    // And Subscriptions reads nothing: the tenant's history and facts are in memory until a change forgets them.
    expect(graph.sql.of('subscriptions', true).filter((s) => !s.includes('outbox_message'))).toEqual([]);

    // R34: asked at another instant, the answer is about the add-ons the user held then.
    const usageTypesAt = async (instant: string) =>
      (await graph.ok(operation, { userId, at: instant }, customer(tenantId, 'ADMIN'))).user.aiOverageResponsibility.map((r: { usageType: string }) => r.usageType);
    expect(await usageTypesAt('2026-01-19T00:00:00Z')).toEqual([]);
    await graph.ok(`mutation ($u: ID!) { setAddOnAssignment(input: { userId: $u, addOnKey: "ai_assistant", enabled: false, at: "2026-04-01T00:00:00Z" }) { user { id } } }`, { u: userId });
    expect(await usageTypesAt('2026-03-20T00:00:00Z')).toEqual(['AI_AGENT', 'AI_ASSISTANT']);
    expect(await usageTypesAt('2026-04-10T00:00:00Z')).toEqual(['AI_AGENT']);
  });

  it('R32: the query plan walks the four subgraphs by reference in a fixed number of fetches and four round trips', () => {
    const { node } = planOf('UserAiOverageResponsibility');
    if (node?.kind === 'Subscription') throw new Error('not a query plan');
    // entitlements (user, assignment history) → catalog (usage types) → subscriptions (@requires) → invoicing
    // (overage lines); beside them, one catalog fetch for the usage types of `addOnAssignments`, which the
    // contract operation selects itself. A change that adds a fetch or a round trip changes these.
    expect(fetchesOf(node)).toEqual(['entitlements', 'catalog', 'catalog', 'subscriptions', 'invoicing']);
    expect(roundTripsOf(node)).toBe(4);
  });
});
