import type { TestGraph } from './start-graph';

/** Arrange data through the public mutations, as clients do. */
export async function aPartner(graph: TestGraph, name = 'Partner'): Promise<string> {
  const data = await graph.ok(/* GraphQL */ `mutation ($name: String!) { createPartner(input: { name: $name }) { id } }`, { name });
  return data.createPartner.id;
}

export async function aTenant(graph: TestGraph, options: { name?: string; managingPartnerId?: string } = {}): Promise<string> {
  const data = await graph.ok(
    /* GraphQL */ `mutation ($name: String!, $managingPartnerId: ID) {
      createTenant(input: { name: $name, managingPartnerId: $managingPartnerId }) { id }
    }`,
    { name: options.name ?? 'Tenant', managingPartnerId: options.managingPartnerId ?? null },
  );
  return data.createTenant.id;
}

export async function aUser(
  graph: TestGraph,
  tenantId: string,
  options: { name?: string; email?: string; role?: string } = {},
): Promise<string> {
  const n = Math.random().toString(36).slice(2, 10);
  const data = await graph.ok(
    /* GraphQL */ `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    {
      input: {
        tenantId,
        name: options.name ?? `User ${n}`,
        email: options.email ?? `user-${n}@example.com`,
        role: options.role ?? 'AGENT',
      },
    },
  );
  return data.createUser.id;
}
