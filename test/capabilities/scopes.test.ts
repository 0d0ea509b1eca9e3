import { Supergraph } from '@apollo/federation-internals';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
} from 'graphql';

import { readSupergraphSdl } from '../../schema/sdl';
import type { Principal } from '../../subgraphs/kernel/principal';
import { gatewayHeaders } from '../support/gateway-headers';
import { accessRules } from '../../server/access-directive';
import { aPartner, aSubscription, aTenant } from '../support/arrange';
import { startGraph, TEST_GATEWAY_SECRET, type TestGraph } from '../support/start-graph';
import { ANALYTICS, customer, partner, type TokenClaims } from '../support/tokens';

/**
 * R33: read-only principals are refused every mutation. This walks every mutation field
 * of the composed supergraph, so a mutation added without a guard fails here: each is
 * sent, with arguments that name real entities of a tenant, by an analytics principal,
 * a partner with READ_ONLY access to that tenant (R13) and an agent of the tenant (R30:
 * an agent administers nothing), and each must answer FORBIDDEN.
 */

const API = Supergraph.build(readSupergraphSdl()).apiSchema().toGraphQLJSSchema();
const MUTATIONS = Object.values(API.getMutationType()!.getFields());

/** Mutations a principal may send, each with the reason; everything else must be FORBIDDEN. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  // A partner with write scope creates tenants it manages itself (it is FULL there);
  // its READ_ONLY access to another tenant does not restrict that.
  readOnlyPartner: ['createTenant'],
  analytics: [],
  agent: [],
};

describe('R33: every mutation of the supergraph is refused for read-only principals and agents', () => {
  let graph: TestGraph;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    graph = await startGraph();
    const managing = await aPartner(graph, 'Managing');
    ids.managingPartner = managing;
    ids.readOnlyPartner = await aPartner(graph, 'Second');
    ids.tenantId = await aTenant(graph, { managingPartnerId: managing });
    // R13: a second partner gets READ_ONLY access.
    await graph.ok(`mutation ($t: ID!, $p: ID!) { addPartnerToTenant(tenantId: $t, partnerId: $p) { __typename } }`, { t: ids.tenantId, p: ids.readOnlyPartner });
    const read = await graph.query(`query ($t: ID!) { tenant(id: $t) { id } }`, { t: ids.tenantId }, partner(ids.readOnlyPartner));
    expect(read.body.data?.tenant).toEqual({ id: ids.tenantId });
    ids.subscriptionId = await aSubscription(graph, ids.tenantId, { endsAt: '2030-01-01T00:00:00Z' });
    const user = await graph.ok(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      input: { tenantId: ids.tenantId, name: 'Agent', email: 'agent@scopes.example', role: 'AGENT', subscriptionId: ids.subscriptionId },
    });
    ids.userId = user.createUser.id;
    const quote = await graph.ok(`mutation ($t: ID!) { requestQuote(tenantId: $t, addOnKey: "ai_agent", quantity: 1) { id } }`, { t: ids.tenantId });
    ids.requestId = quote.requestQuote.id;
  });
  afterAll(() => graph.stop());

  /** A value for an argument or input field, by its name and type; real ids of the tenant. */
  function valueFor(name: string, type: GraphQLInputType): unknown {
    if (isNonNullType(type)) return valueFor(name, type.ofType);
    if (isListType(type)) return [valueFor(name.replace(/s$/, ''), type.ofType)];
    const named = getNamedType(type);
    if (isInputObjectType(named)) {
      const fields: Record<string, unknown> = {};
      for (const field of Object.values(named.getFields()) as GraphQLInputField[]) {
        if (isNonNullType(field.type)) fields[field.name] = valueFor(field.name, field.type);
      }
      return fields;
    }
    if (isEnumType(named)) return named.getValues()[0]!.value;
    if (isScalarType(named)) {
      switch (named.name) {
        case 'ID': {
          const id = { tenantId: ids.tenantId, subscriptionId: ids.subscriptionId, userId: ids.userId, userIds: ids.userId, requestId: ids.requestId, partnerId: ids.readOnlyPartner }[name];
          if (!id) throw new Error(`scopes test: no id for argument "${name}"; add one so the new mutation is checked`);
          return id;
        }
        case 'String':
          return { addOnKey: 'ai_agent', planKey: 'webex_standard', telephony: 'WEBEX_CALLING', email: 'x@scopes.example', currency: 'USD', key: 'scopes_key' }[name] ?? 'Scopes';
        case 'Int':
          return 1;
        case 'Boolean':
          return true;
        case 'DateTime':
          return '2029-01-01T00:00:00Z';
      }
    }
    throw new Error(`scopes test: no value for ${name}: ${String(type)}`);
  }

  function operationFor(field: (typeof MUTATIONS)[number]): { text: string; variables: Record<string, unknown> } {
    const required = field.args.filter((arg: GraphQLArgument) => isNonNullType(arg.type));
    const variables = Object.fromEntries(required.map((arg) => [arg.name, valueFor(arg.name, arg.type)]));
    const declarations = required.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
    const call = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
    return { text: `mutation${declarations ? `(${declarations})` : ''} { ${field.name}${call ? `(${call})` : ''} { __typename } }`, variables };
  }

  const principals: Record<string, () => TokenClaims> = {
    analytics: () => ANALYTICS,
    readOnlyPartner: () => partner(ids.readOnlyPartner!),
    agent: () => customer(ids.tenantId!, 'AGENT', 'some-agent'),
  };

  it('walks every mutation field of the supergraph', () => {
    expect(MUTATIONS.length).toBeGreaterThanOrEqual(26);
  });

  it.each(Object.keys(principals))('%s: FORBIDDEN for every mutation it may not send', async (who) => {
    const outcomes: Record<string, string> = {};
    for (const field of MUTATIONS) {
      if (ALLOWED[who]!.includes(field.name)) continue;
      const { text, variables } = operationFor(field);
      const { body } = await graph.query(text, variables, principals[who]!());
      outcomes[field.name] = body.errors?.[0]?.extensions?.code ?? 'ACCEPTED';
    }
    const notForbidden = Object.entries(outcomes).filter(([, code]) => code !== 'FORBIDDEN');
    expect(notForbidden).toEqual([]);
  });

  it('analytics reads cross-tenant aggregates and nothing of a tenant or a user', async () => {
    const aggregates = await graph.ok(`{ analytics { tenantCount addOnUtilization(addOnKey: "ai_agent") { tenants purchased assigned } } }`, {}, ANALYTICS);
    expect(aggregates.analytics.tenantCount).toBeGreaterThanOrEqual(1);
    expect((await graph.query(`query ($t: ID!) { tenant(id: $t) { id name } }`, { t: ids.tenantId }, ANALYTICS)).body.data?.tenant ?? null).toBeNull();
    expect(await graph.errorCode(`query ($u: ID!) { user(id: $u) { id name email } }`, { u: ids.userId }, ANALYTICS)).toBe('NOT_FOUND');
    // Customers do not get the cross-tenant aggregates.
    expect(await graph.errorCode(`{ analytics { tenantCount } }`, {}, customer(ids.tenantId!, 'OWNER'))).toBe('FORBIDDEN');
  });

  it('the schema documents who may call each mutation (@access), and the gateway refuses everyone else before planning', async () => {
    const rules = accessRules(readSupergraphSdl());
    expect(MUTATIONS.filter((field) => !rules.has(field.name)).map((f) => f.name)).toEqual([]);
    const fullPartner = ids.managingPartner!;
    const as: Record<string, TokenClaims> = {
      OWNER: customer(ids.tenantId!, 'OWNER', 'owner-x'),
      ADMIN: customer(ids.tenantId!, 'ADMIN', 'admin-x'),
      SUPERVISOR: customer(ids.tenantId!, 'SUPERVISOR', 'supervisor-x'),
      AGENT: customer(ids.tenantId!, 'AGENT', 'agent-x'),
      PARTNER: partner(fullPartner),
    };
    const notRefused: string[] = [];
    for (const field of MUTATIONS) {
      for (const [label, claims] of Object.entries(as)) {
        if (rules.get(field.name)!.has(label)) continue;
        const { text, variables } = operationFor(field);
        const { body } = await graph.query(text, variables, claims);
        const error = body.errors?.[0];
        // The gateway's refusal (from the supergraph's @access), not a subgraph's guard.
        if (error?.extensions?.code !== 'FORBIDDEN' || !error.message.includes('is not for this principal')) notRefused.push(`${field.name} as ${label}: ${JSON.stringify(error ?? body.data)}`);
      }
    }
    expect(notRefused).toEqual([]);
  });

  it("R33: every mutation the schema lets another tenant's users and partners send is refused with A's ids, and A's log shows no change", async () => {
    // Tenant B, its managing partner (FULL there) and its users; the ids sent are A's.
    const partnerOfB = await aPartner(graph, 'Partner of B');
    const b = await aTenant(graph, { name: 'B', managingPartnerId: partnerOfB });
    const rules = accessRules(readSupergraphSdl());
    const ofB: Record<string, TokenClaims> = {
      OWNER: customer(b, 'OWNER', 'owner-of-b'),
      ADMIN: customer(b, 'ADMIN', 'admin-of-b'),
      SUPERVISOR: customer(b, 'SUPERVISOR', 'supervisor-of-b'),
      AGENT: customer(b, 'AGENT', 'agent-of-b'),
      PARTNER: partner(partnerOfB),
    };
    const LOG = `query ($t: ID!) { tenant(id: $t) { auditLog(first: 500) { edges { node { action } } } } }`;
    const logOfA = async () => (await graph.ok(LOG, { t: ids.tenantId })).tenant.auditLog.edges.length as number;
    const before = await logOfA();
    const idsOfA = new Set(Object.values(ids));
    const accepted: string[] = [];
    let sent = 0;
    for (const field of MUTATIONS) {
      const { text, variables } = operationFor(field);
      // A mutation that names nothing of A (createTenant) cannot reach A.
      if (![...idsOfA].some((id) => JSON.stringify(variables).includes(id))) continue;
      for (const [label, claims] of Object.entries(ofB)) {
        if (!rules.get(field.name)!.has(label)) continue; // refused by @access: the test above
        sent++;
        const { body } = await graph.query(text, variables, claims);
        const code = body.errors?.[0]?.extensions?.code;
        if (code !== 'NOT_FOUND' && code !== 'FORBIDDEN') accepted.push(`${field.name} as ${label} of B: ${JSON.stringify(body.errors?.[0] ?? body.data)}`);
      }
    }
    expect(sent).toBeGreaterThan(20);
    expect(accepted).toEqual([]);
    expect(await logOfA()).toBe(before);
  });

  it('each subgraph enforces @access too, for a request that did not go through the gateway check', async () => {
    const supervisor: Principal = { kind: 'customer', sub: 'supervisor-y', tenantId: ids.tenantId!, role: 'SUPERVISOR', scopes: ['licensing:read', 'licensing:write'] };
    const request = JSON.stringify({ query: `mutation { purchaseAddOn(input: { tenantId: "${ids.tenantId}", addOnKey: "ai_agent", quantity: 1, idempotencyKey: "direct" }) { id } }` });
    const response = await fetch(graph.subgraphs.urls.invoicing, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...gatewayHeaders(supervisor, request, TEST_GATEWAY_SECRET) },
      body: request,
    });
    const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(body.errors?.[0]?.message).toContain('is not for this principal');
  });
});
