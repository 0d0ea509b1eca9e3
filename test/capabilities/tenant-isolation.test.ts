import { parse, Kind, type ObjectTypeDefinitionNode } from 'graphql';

import type { Principal } from '../../subgraphs/kernel/principal';
import { gatewayHeaders } from '../support/gateway-headers';
import { readSubgraphSdl, SUBGRAPH_NAMES, type SubgraphName } from '../../schema/sdl';
import { aPartner, aSubscription, aTenant } from '../support/arrange';
import { startGraph, TEST_GATEWAY_SECRET, type TestGraph } from '../support/start-graph';
import { customer } from '../support/tokens';

/**
 * R33: a customer sees its own tenant only, for every entity type: through the gateway's
 * fields, and through `_entities` with another tenant's ids sent straight to each
 * subgraph (with a gateway-signed principal, as the planner would send it). Every
 * resolvable entity type of every subgraph is listed from the SDLs, so a new one must be
 * given an id of the other tenant here, or a reason it holds nothing of a tenant.
 */

/** Entity types that hold nothing of any tenant: the public catalog. */
const NOT_TENANT_DATA: Readonly<Record<string, string>> = {
  Feature: 'catalog, the same for every tenant',
  Plan: 'catalog, the same for every tenant',
  AddOn: 'catalog, the same for every tenant',
};

function resolvableEntities(name: SubgraphName): string[] {
  return parse(readSubgraphSdl(name))
    .definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION)
    .filter((d) => {
      const key = d.directives?.find((directive) => directive.name.value === 'key');
      if (!key) return false;
      const resolvable = key.arguments?.find((a) => a.name.value === 'resolvable');
      return !(resolvable && resolvable.value.kind === Kind.BOOLEAN && resolvable.value.value === false);
    })
    .map((d) => d.name.value);
}

describe('R33: tenant isolation for every entity type', () => {
  let graph: TestGraph;
  const a: Record<string, string> = {};
  let b: string;

  beforeAll(async () => {
    graph = await startGraph();
    a.partner = await aPartner(graph, 'Partner of A');
    a.tenant = await aTenant(graph, { name: 'A', managingPartnerId: a.partner });
    b = await aTenant(graph, { name: 'B' });
    // AI_AGENT included, so A's own user has a responsible subscription to show (the control below).
    a.subscription = await aSubscription(graph, a.tenant, {
      planKey: 'aircall_professional',
      telephony: 'BUNDLED_PSTN',
      startsAt: '2025-01-01T00:00:00Z',
      endsAt: '2030-01-01T00:00:00Z',
      items: [{ usageType: 'AGENT_STANDARD', quantity: 5 }, { usageType: 'AI_AGENT', quantity: 100 }],
    });
    const user = await graph.ok(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      input: { tenantId: a.tenant, name: 'User of A', email: 'a@isolation.example', role: 'ADMIN', subscriptionId: a.subscription, at: '2026-01-01T00:00:00Z' },
    });
    a.user = user.createUser.id;
    const purchase = await graph.ok(`mutation ($t: ID!) { purchaseAddOn(input: { tenantId: $t, addOnKey: "whatsapp", quantity: 1, idempotencyKey: "iso", at: "2026-01-15T00:00:00Z" }) { id prorationInvoice { id } } }`, { t: a.tenant });
    a.purchase = purchase.purchaseAddOn.id;
    a.invoice = purchase.purchaseAddOn.prorationInvoice.id;
  });
  afterAll(() => graph.stop());

  it("through the gateway, B's users get nothing of A: not the tenant, its users, subscriptions or invoices", async () => {
    const asB = customer(b, 'OWNER');
    expect((await graph.query(`query ($id: ID!) { tenant(id: $id) { id name } }`, { id: a.tenant }, asB)).body.data?.tenant ?? null).toBeNull();
    expect(await graph.errorCode(`query ($id: ID!) { user(id: $id) { id name email } }`, { id: a.user }, asB)).toBe('NOT_FOUND');
    expect(await graph.errorCode(`query ($id: ID!) { subscription(id: $id) { id name } }`, { id: a.subscription }, asB)).toBe('NOT_FOUND');
    expect(await graph.errorCode(`query ($id: ID!) { invoice(id: $id) { id subtotal { amountMinor } } }`, { id: a.invoice }, asB)).toBe('NOT_FOUND');
  });

  it("_entities with A's ids, sent to each subgraph as B's user, resolves nothing of A; as A's own user, the same representations resolve", async () => {
    const idOf: Record<string, string> = {
      Tenant: a.tenant!,
      User: a.user!,
      TenantSubscription: a.subscription!,
      Invoice: a.invoice!,
      Purchase: a.purchase!,
      Partner: a.partner!,
      Analytics: 'analytics',
    };
    const scopes = ['licensing:read', 'licensing:write'] as const;
    const ofB: Principal = { kind: 'customer', sub: 'user-of-b', tenantId: b, role: 'OWNER', scopes };
    const ofA: Principal = { kind: 'customer', sub: 'user-of-a', tenantId: a.tenant!, role: 'OWNER', scopes };
    const analytics: Principal = { kind: 'analytics', sub: 'analytics-job', scopes: ['analytics:read'] };
    const partnerOfA: Principal = { kind: 'partner', sub: 'partner-user', partnerId: a.partner!, scopes };
    const leaks: string[] = [];
    const controls: string[] = [];
    for (const name of SUBGRAPH_NAMES) {
      for (const typename of resolvableEntities(name)) {
        if (NOT_TENANT_DATA[typename]) continue;
        const id = idOf[typename];
        if (!id) throw new Error(`tenant isolation: give ${name}.${typename} an id of tenant A, or say why it holds no tenant data`);
        const representation: Record<string, unknown> = { __typename: typename, id };
        // What the planner sends for R32's @requires: A's tenant and an AI add-on.
        if (name === 'subscriptions' && typename === 'User') Object.assign(representation, { tenant: { id: a.tenant }, addOnAssignmentHistory: [{ addOn: { usageType: 'AI_AGENT' }, assignedAt: '2026-01-01T00:00:00.000Z', unassignedAt: null }] });
        // Analytics is one entity for everybody; what it holds is in its fields, which refuse a customer.
        const analyticsField = { entitlements: 'addOnUtilization(addOnKey: "whatsapp") { tenants purchased assigned }', subscriptions: 'tenantCount' }[name as string];
        const selection =
          name === 'subscriptions' && typename === 'User'
            ? '... on User { aiOverageResponsibility { usageType subscription { id } } }'
            : typename === 'Analytics'
              ? `... on Analytics { ${analyticsField} }`
              : `... on ${typename} { id }`;
        const resolve = async (principal: Principal) => {
          const body = JSON.stringify({ query: `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, variables: { r: [representation] } });
          const response = await fetch(graph.subgraphs.urls[name], {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...gatewayHeaders(principal, body, TEST_GATEWAY_SECRET) },
            body,
          });
          const answer = (await response.json()) as { data?: { _entities: unknown[] } | null; errors?: { extensions?: { code?: string } }[] };
          return { status: response.status, body: answer, entity: answer.data?._entities?.[0] ?? null };
        };

        // B's user: a well-formed answer (the query ran) with nothing of A in it.
        const asB = await resolve(ofB);
        const refusedAnalytics = typename === 'Analytics' && (asB.body.errors ?? []).some((e) => e.extensions?.code === 'FORBIDDEN');
        const ran = asB.status === 200 && (refusedAnalytics || (asB.body.errors === undefined && Array.isArray(asB.body.data?._entities)));
        const empty = asB.entity === null || JSON.stringify(asB.entity) === JSON.stringify({ aiOverageResponsibility: [] }) || refusedAnalytics;
        if (!ran || !empty) leaks.push(`${name}.${typename}: ${asB.status} ${JSON.stringify(asB.body)}`);

        // The control: whoever may see it (A's user; A's partner for the Partner; analytics for Analytics) gets it.
        const seer = typename === 'Analytics' ? analytics : typename === 'Partner' ? partnerOfA : ofA;
        const control = await resolve(seer);
        const seen =
          control.status === 200 &&
          control.body.errors === undefined &&
          control.entity !== null &&
          JSON.stringify(control.entity) !== JSON.stringify({ aiOverageResponsibility: [] });
        if (!seen) controls.push(`${name}.${typename}: ${control.status} ${JSON.stringify(control.body)}`);

        // And B again, now that A's rows have been read: what a subgraph keeps in memory must not answer B either.
        const again = await resolve(ofB);
        if (JSON.stringify(again.body) !== JSON.stringify(asB.body)) leaks.push(`${name}.${typename} after A's read: ${again.status} ${JSON.stringify(again.body)}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(controls).toEqual([]);
  });
});
