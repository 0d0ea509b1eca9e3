import type { EntityManager } from '@mikro-orm/core';

import type { CatalogAddOn } from '../../kernel/catalog-model';
import type { PoolHoldersChanged } from '../../kernel/integration-events';
import { isSeatCovered } from '../../kernel/pool-capacity';
import { enqueueEvents, newEvent } from '../../runtime/outbox';
import { countRows, readRows } from '../../runtime/read-rows';
import { balanceOf, NO_HOLDERS, type Capacity, type HolderCounts } from '../domain/capacity';
import type { PoolBalance } from '../domain/pool';
import type { MappingFact } from '../domain/user-mapping';
import { Assignment } from '../entities/assignment.entity';
import { PoolLock } from '../entities/pool-lock.entity';
import { PoolPurchase } from '../entities/pool-purchase.entity';
import { UserSubscriptionMapping } from '../entities/user-subscription-mapping.entity';
import { capacityAt, takesCoverAt, type PoolFacts } from '../domain/pool-state';
import { readPoolFacts } from '../queries/pool-facts';

/** A pool as a command decides on it, in its transaction under the pool lock. */
export interface CommandPool {
  readonly facts: PoolFacts;
  readonly capacity: Capacity;
  /** Holders at the command's instant: every assignment not ended by then, whatever instant it carries. */
  readonly holders: HolderCounts;
  readonly balance: PoolBalance;
  /** R37: how many of these users take an Elite seat's cover at the command's instant. */
  classify(userIds: readonly string[]): HolderCounts;
  /** Every mapping of the tenant's users, by user (read only for a seat-covered add-on). */
  readonly mappings: ReadonlyMap<string, readonly MappingFact[]>;
}

/** Assignments held at `at`: not ended by then (an end ahead of it, R36, still holds). */
export const heldAt = (at: Date) => ({ $or: [{ unassignedAt: null }, { unassignedAt: { $gt: at } }] });

/**
 * The pool at `at` as a command sees it. For an add-on Elite seats may cover (R24, R37)
 * in a tenant with such seats, holders are told apart by their mapping: only users
 * mapped to a covering subscription take the cover.
 */
export async function readCommandPool(tx: EntityManager, tenantId: string, addOn: CatalogAddOn, at: Date): Promise<CommandPool> {
  const facts = await readPoolFacts(tx, tenantId, addOn, at);
  const capacity = capacityAt(addOn, facts, at);
  const coverMatters = isSeatCovered(addOn.key) && facts.subscriptions.some((s) => s.licensingModel === 'CONCURRENT');
  const mappings = coverMatters ? await readMappings(tx, tenantId) : new Map<string, MappingFact[]>();
  const classify = (userIds: readonly string[]): HolderCounts => {
    if (!coverMatters) return { covered: 0, others: userIds.length };
    const covered = userIds.filter((userId) => takesCoverAt(addOn, facts, mappings.get(userId) ?? [], at)).length;
    return { covered, others: userIds.length - covered };
  };
  let holders: HolderCounts;
  if (coverMatters) {
    const rows = await readRows(tx, Assignment, { tenantId, addOnKey: addOn.key, ...heldAt(at) });
    holders = classify(rows.map((row) => row.userId));
  } else {
    holders = { ...NO_HOLDERS, others: await countRows(tx, Assignment, { tenantId, addOnKey: addOn.key, ...heldAt(at) }) };
  }
  return { facts, capacity, holders, balance: balanceOf(capacity, holders), classify, mappings };
}

/** Every mapping of a tenant's users, by user. */
export async function readMappings(tx: EntityManager, tenantId: string): Promise<Map<string, MappingFact[]>> {
  const byUser = new Map<string, MappingFact[]>();
  for (const row of await readRows(tx, UserSubscriptionMapping, { tenantId })) {
    byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), { from: row.from, subscriptionId: row.subscriptionId }]);
  }
  return byUser;
}

/**
 * Releases the key of every hold of the pool whose end has come by `at` (R36: an end
 * scheduled ahead keeps the user holding until then), so the user can be assigned again.
 */
export async function releaseEndedHolds(tx: EntityManager, tenantId: string, addOnKey: string, at: Date): Promise<void> {
  await tx.nativeUpdate(Assignment, { tenantId, addOnKey, activeKey: { $ne: null }, unassignedAt: { $lte: at } }, { activeKey: null });
}

/**
 * Tells Subscriptions who holds the pool now and what it bought (PoolHoldersChanged), in
 * the transaction of the change: what renewals and amendments are checked against (R36).
 */
export async function announcePool(tx: EntityManager, tenantId: string, addOnKey: string, now: Date): Promise<void> {
  await tx.flush();
  const [lock, purchases] = await Promise.all([readRows(tx, PoolLock, { tenantId, addOnKey }), readRows(tx, PoolPurchase, { tenantId, addOnKey })]);
  let holders: HolderCounts;
  if (isSeatCovered(addOnKey)) {
    const pool = await readCommandPool(tx, tenantId, { key: addOnKey } as CatalogAddOn, now);
    holders = pool.holders;
  } else {
    holders = { ...NO_HOLDERS, others: await countRows(tx, Assignment, { tenantId, addOnKey, ...heldAt(now) }) };
  }
  const bought = purchases.reduce((n, p) => n + p.quantity, 0);
  const payload = { tenantId, addOnKey, holders: holders.covered + holders.others, covered: holders.covered, bought, seq: Number(lock[0]?.seq ?? 0) };
  enqueueEvents(tx, [newEvent<PoolHoldersChanged>('PoolHoldersChanged', payload, now)]);
}
