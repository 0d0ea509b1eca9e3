import type { TestGraph } from './start-graph';

/** What arranging needs of a graph: sending operations as the operator (a test graph, or the benchmarks' client). */
export type Arranger = Pick<TestGraph, 'ok'>;

/** Arrange data through the public mutations, as clients do. */
export async function aPartner(graph: Arranger, name = 'Partner'): Promise<string> {
  const data = await graph.ok(/* GraphQL */ `mutation ($name: String!) { createPartner(input: { name: $name }) { id } }`, { name });
  return data.createPartner.id;
}

export async function aTenant(graph: Arranger, options: { name?: string; managingPartnerId?: string } = {}): Promise<string> {
  const data = await graph.ok(
    /* GraphQL */ `mutation ($name: String!, $managingPartnerId: ID) {
      createTenant(input: { name: $name, managingPartnerId: $managingPartnerId }) { id }
    }`,
    { name: options.name ?? 'Tenant', managingPartnerId: options.managingPartnerId ?? null },
  );
  return data.createTenant.id;
}

export async function aUser(
  graph: Arranger,
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

export const CREATE_SUBSCRIPTION = /* GraphQL */ `
  mutation CreateSubscription($input: CreateSubscriptionInput!) {
    createSubscription(input: $input) {
      id name department planKey licensingModel telephony offer hybrid billingInterval startsAt endsAt
      items { usageType quantity since }
      addOns { addOn { key } quantity }
    }
  }
`;

export interface SubscriptionOverrides {
  name?: string;
  department?: string;
  planKey?: string;
  licensingModel?: 'NAMED' | 'CONCURRENT';
  telephony?: string;
  offer?: 'FLEX' | 'FLEX_3' | 'STANDARD';
  hybrid?: boolean;
  billingInterval?: 'MONTHLY' | 'ANNUAL';
  startsAt?: string;
  endsAt?: string;
  items?: { usageType: string; quantity: number; since?: string }[];
  addOns?: { addOnKey: string; quantity: number }[];
}

/** A CreateSubscriptionInput with sensible defaults: a Webex-style NAMED subscription for 2026. */
export function subscriptionInput(tenantId: string, overrides: SubscriptionOverrides = {}) {
  return {
    tenantId,
    name: 'Subscription',
    department: 'Sales',
    planKey: 'webex_standard',
    licensingModel: 'NAMED',
    telephony: 'WEBEX_CALLING',
    offer: 'FLEX',
    hybrid: false,
    billingInterval: 'MONTHLY',
    startsAt: '2026-01-01T00:00:00Z',
    endsAt: '2027-01-01T00:00:00Z',
    items: [{ usageType: 'AGENT_STANDARD', quantity: 10 }],
    addOns: [],
    ...overrides,
  };
}

export async function aSubscription(graph: Arranger, tenantId: string, overrides: SubscriptionOverrides = {}): Promise<string> {
  const data = await graph.ok(CREATE_SUBSCRIPTION, { input: subscriptionInput(tenantId, overrides) });
  return data.createSubscription.id;
}
