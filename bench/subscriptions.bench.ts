/**
 * Issue 3's speed target: responsible / primary / overage for a tenant with 1,000
 * subscriptions and 50,000 usage records answer in under 20 ms at the Subscriptions
 * subgraph. Seeds one tenant through the ORM (the mutations would take minutes for
 * 50,000 readings), then sends real HTTP requests to the subgraph with a signed
 * principal, as the gateway does.
 */
import type { SqlEntityManager } from '@mikro-orm/knex';

import { USAGE_TYPES } from '../subgraphs/kernel/usage-types';
import { gatewayHeaders } from '../test/support/gateway-headers';
import { newId } from '../subgraphs/kernel/ids';
import { SUBGRAPH_MODULES } from '../subgraphs/registry';
import { InProcessEventBus } from '../subgraphs/runtime/outbox';
import { systemClock } from '../subgraphs/runtime/request-context';
import { startSubgraph } from '../subgraphs/runtime/start-subgraph';
import { SubscriptionTerm } from '../subgraphs/subscriptions/entities/subscription-term.entity';
import { Subscription } from '../subgraphs/subscriptions/entities/subscription.entity';
import { Tenant } from '../subgraphs/subscriptions/entities/tenant.entity';
import { UsageRecord } from '../subgraphs/subscriptions/entities/usage-record.entity';
import { measure, type Latency } from './measure';
import { createLogger } from '../server/logger';
import { forgetCached } from '../subgraphs/runtime/process-cache';

const SECRET = 'bench-gateway-secret';
const SUBSCRIPTIONS = 1_000;
const USAGE_RECORDS = 50_000;

export async function benchSubscriptions(): Promise<Record<string, Latency>> {
  const module = SUBGRAPH_MODULES.find((m) => m.name === 'subscriptions')!;
  const url = process.env.DATABASE_URL;
  const subgraph = await startSubgraph({
    module,
    target: url ? { driver: 'postgresql', url, schema: `bench_${process.pid}_subscriptions` } : { driver: 'sqlite', path: ':memory:' },
    bus: new InProcessEventBus(),
    logger: createLogger('subscriptions', 'warn'),
    gatewaySecret: SECRET,
    clock: systemClock,
    port: 0,
  });
  try {
    const tenantId = await seed(subgraph.orm.em.fork());
    const operator = { kind: 'operator', sub: 'bench', scopes: ['licensing:provision'] } as const;
    const ask = (query: string) => async () => {
      const request = JSON.stringify({ query, variables: { id: tenantId } });
      const response = await fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...gatewayHeaders(operator, request, SECRET) },
        body: request,
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    };
    const at = '2026-06-15T00:00:00Z';
    // After any change of the tenant's subscriptions the history is read again from the database: the
    // command that changed them (changeTenantSubscriptions) has this process forget it.
    const changeTenant = async () => {
      forgetCached(subgraph.orm.em, 'tenant-subscriptions', tenantId);
    };
    return {
      'responsibleSubscription(AI_AGENT) right after a change': await measure(
        ask(`query ($id: ID!) { tenant(id: $id) { responsibleSubscription(usageType: AI_AGENT, at: "${at}") { id } } }`),
        50,
        5,
        changeTenant,
      ),
      primarySubscription: await measure(ask(`query ($id: ID!) { tenant(id: $id) { primarySubscription(at: "${at}") { id } } }`)),
      'responsibleSubscription(AI_AGENT)': await measure(ask(`query ($id: ID!) { tenant(id: $id) { responsibleSubscription(usageType: AI_AGENT, at: "${at}") { id } } }`)),
      'overage(AGENT_STANDARD, month)': await measure(
        ask(`query ($id: ID!) { tenant(id: $id) { overage(usageType: AGENT_STANDARD, from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z") { entitled used overage chargedTo { id } } } }`),
      ),
      'overage(AI_AGENT, month)': await measure(
        ask(`query ($id: ID!) { tenant(id: $id) { overage(usageType: AI_AGENT, from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z") { entitled used overage chargedTo { id } } } }`),
      ),
    };
  } finally {
    await subgraph.stop();
    if (url) {
      const { Client } = await import('pg');
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists "bench_${process.pid}_subscriptions" cascade`);
      await client.end();
    }
  }
}

/** One tenant, 1,000 subscriptions of one to three terms over 2024 to 2028, 50,000 readings in 2026. */
async function seed(fork: SqlEntityManager): Promise<string> {
  const now = new Date();
  const tenantId = newId('ten');
  fork.persist(fork.create(Tenant, { id: tenantId, name: 'Bench', licensingModel: 'NAMED', telephony: 'WEBEX_CALLING', createdAt: now, provisioningSeq: 0 }));
  let random = 42;
  const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const id = newId('sub');
    let start = Date.UTC(2024, 0, 1) + Math.floor(next() * 3 * 365) * 86_400_000;
    const types = USAGE_TYPES.filter(() => next() < 0.4);
    fork.persist(
      fork.create(Subscription, {
        id, tenantId, name: `S${i}`, department: 'D', planKey: 'webex_standard', licensingModel: 'NAMED', telephony: 'WEBEX_CALLING',
        offer: 'FLEX', hybrid: false, billingInterval: 'MONTHLY', originalStartsAt: new Date(start), createdAt: now,
      }),
    );
    const terms = 1 + Math.floor(next() * 3);
    for (let seq = 0; seq < terms; seq++) {
      const end = start + 365 * 86_400_000;
      fork.persist(
        fork.create(SubscriptionTerm, {
          subscriptionId: id, seq, tenantId, startsAt: new Date(start), endsAt: new Date(end),
          items: types.map((usageType) => ({ usageType, quantity: 1 + Math.floor(next() * 50), since: new Date(start).toISOString() })),
          addOns: [],
        }),
      );
      start = end + Math.floor(next() * 30) * 86_400_000;
    }
  }
  await fork.flush();
  for (let batch = 0; batch < USAGE_RECORDS / 1_000; batch++) {
    await fork.insertMany(
      UsageRecord,
      Array.from({ length: 1_000 }, () => ({
        id: newId('use'), tenantId, usageType: USAGE_TYPES[Math.floor(next() * USAGE_TYPES.length)]!,
        quantity: Math.floor(next() * 100), at: new Date(Date.UTC(2026, 0, 1) + Math.floor(next() * 365 * 86_400_000)),
      })),
    );
  }
  return tenantId;
}
