import { defineEntity, p, type EntityManager } from '@mikro-orm/core';
import type DataLoader from 'dataloader';

import type { IntegrationEvent, SubscriptionSnapshot } from '../kernel/integration-events';
import { fromSnapshot, type ReplicatedSubscription } from '../kernel/replicated-subscription';
import { groupedLoader, keyedLoader } from './keyed-loader';
import type { LoaderDeps, LoaderFactories } from './lazy-loaders';
import { cachedLoader } from './process-cache';
import { readRows } from './read-rows';

/**
 * A subgraph's copy of the tenants' subscriptions, fed by SubscriptionChanged: each
 * subscription's identity, model and terms as Subscriptions last announced them. What
 * Entitlements needs for access (R12) and seats, and Invoicing for billing cycles.
 */
export const SubscriptionReplica = defineEntity({
  name: 'SubscriptionReplica',
  tableName: 'subscription_replica',
  properties: {
    id: p.string().primary(),
    tenantId: p.string().index(),
    document: p.text(),
  },
});

export const SUBSCRIPTION_REPLICA_ENTITIES = [SubscriptionReplica];

export async function applyToSubscriptionReplica(em: EntityManager, event: IntegrationEvent): Promise<void> {
  if (event.type !== 'SubscriptionChanged') return;
  const { subscription } = event.payload;
  await em.upsert(SubscriptionReplica, {
    id: subscription.subscriptionId,
    tenantId: subscription.tenantId,
    document: JSON.stringify(subscription),
  });
}

/** Whose a subscription is: set when it is created and never changed. */
export interface SubscriptionOwner {
  readonly subscriptionId: string;
  readonly tenantId: string;
}

export interface SubscriptionReplicaLoaders {
  readonly replicaSubscriptionById: DataLoader<string, ReplicatedSubscription | null>;
  /** The tenant of a replicated subscription, from memory after the first read (`subscription-owner` in runtime/process-cache.ts). */
  readonly replicaOwnerBySubscriptionId: DataLoader<string, SubscriptionOwner | null>;
  readonly replicaSubscriptionsByTenantId: DataLoader<string, ReplicatedSubscription[]>;
}

const parseReplicas = (rows: readonly { document: string }[]) => rows.map((row) => fromSnapshot(JSON.parse(row.document) as SubscriptionSnapshot));

export const SUBSCRIPTION_REPLICA_LOADERS: LoaderFactories<LoaderDeps, SubscriptionReplicaLoaders> = {
  replicaSubscriptionById: ({ em }) =>
    keyedLoader(async (ids: readonly string[]) => parseReplicas(await readRows(em, SubscriptionReplica, { id: ids })), (s) => s.subscriptionId),
  replicaOwnerBySubscriptionId: ({ em }) =>
    cachedLoader(
      em,
      'subscription-owner',
      async (ids) => (await readRows(em, SubscriptionReplica, { id: ids })).map((row) => ({ subscriptionId: row.id, tenantId: row.tenantId })),
      (owner) => owner.subscriptionId,
    ),
  replicaSubscriptionsByTenantId: ({ em }) =>
    groupedLoader(
      async (ids: readonly string[]) => parseReplicas(await readRows(em, SubscriptionReplica, { tenantId: ids }, { orderBy: { id: 'asc' } })),
      (s) => s.tenantId,
    ),
};
