import type { EntityManager } from '@mikro-orm/core';

import type { IntegrationEvent } from '../../kernel/integration-events';
import { findReplicaPlan } from '../../runtime/catalog-replica';
import { shortfallsAt, type Shortfall } from '../domain/over-assignment';
import { PoolHolding } from '../entities/pool-holding.entity';
import type { SubscriptionView } from '../entities/subscription-views';

/**
 * R36: the pools a change leaves short at `at`: the tenant's subscriptions as the change
 * leaves them against `baseline`, the same subscriptions had the change not been made
 * and the changed one gone on as it was.
 */
export async function shortfallsAfter(tx: EntityManager, tenantId: string, subscriptions: readonly SubscriptionView[], baseline: readonly SubscriptionView[], at: Date): Promise<Shortfall[]> {
  const holdings = await tx.find(PoolHolding, { tenantId });
  if (holdings.every((h) => h.holders === 0)) return [];
  const planKeys = [...new Set([...subscriptions, ...baseline].map((s) => s.planKey))];
  const plans = new Map(await Promise.all(planKeys.map(async (key) => [key, await findReplicaPlan(tx, key)] as const)));
  return shortfallsAt({
    subscriptions,
    baseline,
    includesAddOn: (planKey, addOnKey) => plans.get(planKey)?.features.some((cell) => cell.addOnKey === addOnKey && cell.availability === 'INCLUDED') ?? false,
    holdings,
    at,
  });
}

/** Entitlements' PoolHoldersChanged: the latest word on a pool (by its lock sequence) replaces the ones before. */
export async function applyToPoolHoldings(em: EntityManager, event: IntegrationEvent): Promise<void> {
  if (event.type !== 'PoolHoldersChanged') return;
  const { tenantId, addOnKey, holders, covered, bought, seq } = event.payload;
  const known = await em.findOne(PoolHolding, { tenantId, addOnKey });
  if (known && known.seq >= seq) return;
  await em.upsert(PoolHolding, { tenantId, addOnKey, holders, covered, bought, seq });
}
