import { aPartner, aTenant, aUser } from '../support/arrange';
import { startGraph, type TestGraph } from '../support/start-graph';
import { ANALYTICS, customer, partner } from '../support/tokens';

const TENANT = /* GraphQL */ `
  query ($id: ID!) {
    tenant(id: $id) { id name partners { partner { id name } access } }
  }
`;
const USER = /* GraphQL */ `query ($id: ID!) { user(id: $id) { id name email role tenant { id } subscription { id } } }`;
const TENANT_USERS = /* GraphQL */ `
  query TenantUsers($tenantId: ID!, $first: Int, $after: String) {
    tenant(id: $tenantId) {
      users(first: $first, after: $after) {
        edges { cursor node { id name role subscription { id } } }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
  }
`;

describe('tenants, partners and users end to end', () => {
  let graph: TestGraph;
  let partnerA: string;
  let partnerB: string;
  let tenantA: string;
  let tenantB: string;
  let userA: string;
  let userB: string;

  beforeAll(async () => {
    graph = await startGraph();
    partnerA = await aPartner(graph, 'Partner A');
    partnerB = await aPartner(graph, 'Partner B');
    tenantA = await aTenant(graph, { name: 'Tenant A', managingPartnerId: partnerA });
    tenantB = await aTenant(graph, { name: 'Tenant B', managingPartnerId: partnerB });
    userA = await aUser(graph, tenantA, { name: 'Ann', email: 'ann@a.example', role: 'ADMIN' });
    userB = await aUser(graph, tenantB, { name: 'Bob', email: 'bob@b.example' });
  });
  afterAll(() => graph?.stop());

  it('an operator creates a partner, a tenant managed by it, and a user of the tenant', async () => {
    const tenant = await graph.ok(TENANT, { id: tenantA });
    expect(tenant.tenant).toEqual({
      id: tenantA,
      name: 'Tenant A',
      partners: [{ partner: { id: partnerA, name: 'Partner A' }, access: 'FULL' }],
    });
    const user = await graph.ok(USER, { id: userA });
    expect(user.user).toEqual({
      id: userA,
      name: 'Ann',
      email: 'ann@a.example',
      role: 'ADMIN',
      tenant: { id: tenantA },
      subscription: null,
    });
  });

  it('R33: a customer user sees its own tenant and users, and another tenant is NOT_FOUND', async () => {
    const own = await graph.ok(TENANT, { id: tenantA }, customer(tenantA));
    expect(own.tenant.id).toBe(tenantA);
    expect(await graph.errorCode(TENANT, { id: tenantB }, customer(tenantA))).toBe('NOT_FOUND');
    expect((await graph.ok(USER, { id: userA }, customer(tenantA))).user.id).toBe(userA);
    expect(await graph.errorCode(USER, { id: userB }, customer(tenantA))).toBe('NOT_FOUND');
  });

  it('R33: a partner sees the tenants it manages and no other', async () => {
    const own = await graph.ok(TENANT_USERS, { tenantId: tenantA }, partner(partnerA));
    expect(own.tenant.users.edges.map((e: any) => e.node.id)).toEqual([userA]);
    expect(await graph.errorCode(TENANT, { id: tenantB }, partner(partnerA))).toBe('NOT_FOUND');
    expect(await graph.errorCode(USER, { id: userB }, partner(partnerA))).toBe('NOT_FOUND');
  });

  it('R33: analytics principals get no tenant details', async () => {
    expect(await graph.errorCode(TENANT, { id: tenantA }, ANALYTICS)).toBe('NOT_FOUND');
    expect(await graph.errorCode(USER, { id: userA }, ANALYTICS)).toBe('NOT_FOUND');
  });

  it('R33: a customer cannot create users in another tenant, and a read-only scope none at all', async () => {
    const create = /* GraphQL */ `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`;
    const input = (tenantId: string) => ({ input: { tenantId, name: 'X', email: `x${Math.random()}@x.example`, role: 'AGENT' } });
    expect(await graph.errorCode(create, input(tenantB), customer(tenantA))).toBe('NOT_FOUND');
    expect(await graph.errorCode(create, input(tenantA), { scope: 'licensing:read', tenant: tenantA, role: 'ADMIN', sub: 'r' })).toBe('FORBIDDEN');
    expect(await graph.errorCode(create, input(tenantA), customer(tenantA, 'AGENT'))).toBe('FORBIDDEN');
    const users = await graph.ok(TENANT_USERS, { tenantId: tenantA });
    expect(users.tenant.users.totalCount).toBe(1);
  });

  it('paginates users with cursors in creation order, with the total count', async () => {
    const tenant = await aTenant(graph, { name: 'Paged' });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await aUser(graph, tenant, { name: `P${i}` }));
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const data: any = await graph.ok(TENANT_USERS, { tenantId: tenant, first: 3, after });
      const { edges, pageInfo, totalCount } = data.tenant.users;
      expect(totalCount).toBe(7);
      seen.push(...edges.map((e: any) => e.node.id));
      pages++;
      if (!pageInfo.hasNextPage) break;
      expect(pageInfo.endCursor).toBe(edges[edges.length - 1].cursor);
      after = pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
  });

  it('counts users created at the same moment, each once, and only the ones created', async () => {
    const tenant = await aTenant(graph, { name: 'Busy tenant' });
    const create = /* GraphQL */ `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => graph.query(create, { input: { tenantId: tenant, name: `U${i}`, email: `u${i % 10}@busy.example`, role: 'AGENT' } })),
    );
    // Two of the twelve reuse an e-mail: refused, and not counted.
    expect(results.filter((r) => r.body.errors?.length)).toHaveLength(2);
    const data = await graph.ok(TENANT_USERS, { tenantId: tenant, first: 50 });
    expect(data.tenant.users.totalCount).toBe(10);
    expect(data.tenant.users.edges).toHaveLength(10);
  });

  it('refuses a page size out of range and a cursor that is not one, with BAD_USER_INPUT', async () => {
    expect(await graph.errorCode(TENANT_USERS, { tenantId: tenantA, first: 0 })).toBe('BAD_USER_INPUT');
    expect(await graph.errorCode(TENANT_USERS, { tenantId: tenantA, first: 501 })).toBe('BAD_USER_INPUT');
    expect(await graph.errorCode(TENANT_USERS, { tenantId: tenantA, after: 'not-a-cursor' })).toBe('BAD_USER_INPUT');
  });

  it('bad input is refused with a stable code and writes nothing', async () => {
    const create = /* GraphQL */ `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`;
    const before = (await graph.ok(TENANT_USERS, { tenantId: tenantA })).tenant.users.totalCount;
    expect(await graph.errorCode(create, { input: { tenantId: tenantA, name: ' ', email: 'e@e.example', role: 'AGENT' } })).toBe('BAD_USER_INPUT');
    expect(await graph.errorCode(create, { input: { tenantId: tenantA, name: 'E', email: 'nope', role: 'AGENT' } })).toBe('BAD_USER_INPUT');
    expect(await graph.errorCode(create, { input: { tenantId: tenantA, name: 'E', email: 'ann@a.example', role: 'AGENT' } })).toBe('BAD_USER_INPUT');
    expect(await graph.errorCode(create, { input: { tenantId: tenantA, name: 'E', email: 'e@e.example', role: 'KING' } })).toBe('BAD_USER_INPUT');
    expect(await graph.errorCode(create, { input: { tenantId: 'ten_unknown', name: 'E', email: 'e@e.example', role: 'AGENT' } })).toBe('NOT_FOUND');
    expect(await graph.errorCode(/* GraphQL */ `mutation { createTenant(input: { name: "" }) { id } }`)).toBe('BAD_USER_INPUT');
    expect(await graph.errorCode(/* GraphQL */ `mutation { createTenant(input: { name: "T", managingPartnerId: "par_nope" }) { id } }`)).toBe('NOT_FOUND');
    const after = (await graph.ok(TENANT_USERS, { tenantId: tenantA })).tenant.users.totalCount;
    expect(after).toBe(before);
  });

  it('only operators create partners and tenants for others; only operators set `at` on a mutation', async () => {
    expect(await graph.errorCode(/* GraphQL */ `mutation { createPartner(input: { name: "P" }) { id } }`, {}, customer(tenantA, 'OWNER'))).toBe('FORBIDDEN');
    expect(await graph.errorCode(/* GraphQL */ `mutation { createTenant(input: { name: "T" }) { id } }`, {}, customer(tenantA, 'OWNER'))).toBe('FORBIDDEN');
    const backdated = /* GraphQL */ `mutation ($input: CreateUserInput!) { createUser(input: $input) { id createdAt } }`;
    const input = { tenantId: tenantA, name: 'Early', email: 'early@a.example', role: 'AGENT', at: '2026-01-01T00:00:00Z' };
    expect(await graph.errorCode(backdated, { input }, customer(tenantA, 'ADMIN'))).toBe('FORBIDDEN');
    const done = await graph.ok(backdated, { input });
    expect(done.createUser.createdAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('a partner with write access creates a tenant it manages, and sees it at once', async () => {
    const data = await graph.ok(/* GraphQL */ `mutation { createTenant(input: { name: "Own" }) { id } }`, {}, partner(partnerB));
    const tenant = await graph.ok(TENANT, { id: data.createTenant.id }, partner(partnerB));
    expect(tenant.tenant.partners).toEqual([{ partner: { id: partnerB, name: 'Partner B' }, access: 'FULL' }]);
    await aUser(graph, data.createTenant.id);
  });
});
