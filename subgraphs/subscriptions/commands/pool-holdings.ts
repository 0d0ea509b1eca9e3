import type { EntityManager } from '@mikro-orm/core';

import type { IntegrationEvent } from '../../kernel/integration-events';
import { findReplicaPlan } from '../../runtime/catalog-replica';
import { shortfallsAt, type Shortfall } from '../domain/over-assignment';
import { PoolHolding } from '../entities/pool-holding.entity';
import type { SubscriptionView } from '../subscription-records';

/** R36: the pools a tenant's subscriptions, as a change leaves them, hold fewer licences than holders at `at`. */
export async function shortfallsAfter(tx: EntityManager, tenantId: string, subscriptions: readonly SubscriptionView[], at: Date): Promise<Shortfall[]> {
  const holdings = await tx.find(PoolHolding, { tenantId });
  if (holdings.every((h) => h.holders === 0)) return [];
  const plans = new Map(await Promise.all([...new Set(subscriptions.map((s) => s.planKey))].map(async (key) => [key, await findReplicaPlan(tx, key)] as const)));
  return shortfallsAt({
    subscriptions,
    includesAddOn: (planKey, addOnKey) => plans.get(planKey)?.features.some((cell) => cell.addOnKey === addOnKey && cell.availability === 'INCLUDED') ?? false,
    holdings,
    at,
  });
}

/** Entitlements' PoolHoldersChanged: the latest word on a pool replaces the one before (events of a pool arrive in order). */
export async function applyToPoolHoldings(em: EntityManager, event: IntegrationEvent): Promise<void> {
  if (event.type !== 'PoolHoldersChanged') return;
  const { tenantId, addOnKey, holders, bought } = event.payload;
  await em.upsert(PoolHolding, { tenantId, addOnKey, holders, bought });
}
