import type { EntityManager } from '@mikro-orm/core';

import type { SubscriptionSnapshot } from '../../kernel/integration-events';
import { findPrimarySubscription } from '../../kernel/primary-subscription';
import type { SubscriptionFacts } from '../../kernel/subscription-facts';
import { SubscriptionReplica } from '../../runtime/subscription-replica';
import { fromSnapshot, type ReplicatedSubscription } from '../../kernel/replicated-subscription';

/** A replicated subscription as the billing rules see it. */
export type BilledSubscription = ReplicatedSubscription & SubscriptionFacts;

export function asBilled(subscription: ReplicatedSubscription): BilledSubscription {
  return { ...subscription, id: subscription.subscriptionId };
}

/** The replicated subscriptions of some tenants, by tenant, oldest id first. */
export async function subscriptionsOfTenants(em: EntityManager, tenantIds: readonly string[]): Promise<Map<string, BilledSubscription[]>> {
  const byTenant = new Map<string, BilledSubscription[]>(tenantIds.map((id) => [id, []]));
  if (tenantIds.length === 0) return byTenant;
  const rows = await em.find(SubscriptionReplica, { tenantId: { $in: [...tenantIds] } }, { orderBy: { id: 'asc' } });
  for (const row of rows) byTenant.get(row.tenantId)?.push(asBilled(fromSnapshot(JSON.parse(row.document) as SubscriptionSnapshot)));
  return byTenant;
}

/**
 * The subscription a tenant-level purchase is billed to: the primary one (R6, R8) at the
 * instant of the purchase; null when none is active.
 */
export function billedSubscriptionAt(subscriptions: readonly BilledSubscription[], at: Date): BilledSubscription | null {
  return findPrimarySubscription(subscriptions, at);
}
