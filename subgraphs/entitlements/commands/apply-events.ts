import type { EntityManager } from '@mikro-orm/core';

import type { IntegrationEvent, SubscriptionChanged } from '../../kernel/integration-events';
import { SEAT_COVERED_UNDER_CONCURRENT } from '../../kernel/pool-capacity';
import { recordAudit } from '../../runtime/audit';
import { findReplicaAddOns } from '../../runtime/catalog-replica';
import { readRows } from '../../runtime/read-rows';
import { Assignment } from '../entities/assignment.entity';
import { PoolPurchase } from '../entities/pool-purchase.entity';
import { announcePool, heldAt } from './command-pool';
import { lockPool } from './lock-pool';
import { reconcilePool } from './reconcile-pool';

/** The events Entitlements acts on beyond its replicas (SubscriptionChanged is replicated first, then acted on here). */
export const ENTITLEMENTS_EVENT_TYPES: readonly IntegrationEvent['type'][] = ['AddOnPurchased'];

/** Who the system acts as when it ends assignments no request named (R35: every change has an actor). */
const SYSTEM_ACTOR = 'licensing-graph';

/**
 * Entitlements' own effects of events, in the consumer's transaction, after the replicas
 * are updated:
 * - R15, R31: licences bought through self-service (Invoicing) join the tenant's pool,
 *   under the purchase's id, from the instant they were bought; a scheduled end they make
 *   unneeded is cancelled (R36).
 * - R36: a subscription change ends the assignments its request named when it takes
 *   effect, and every pool of the tenant is kept within its licences from then on (what
 *   still exceeds them ends newest first, a term that ends without renewal included).
 */
export async function applyEntitlementsEvent(em: EntityManager, event: IntegrationEvent, now: Date): Promise<void> {
  if (event.type === 'SubscriptionChanged') return applySubscriptionChange(em, event, now);
  if (event.type !== 'AddOnPurchased') return;
  const bought = event.payload;
  if (await em.findOne(PoolPurchase, { id: bought.purchaseId })) return;
  em.persist(
    em.create(PoolPurchase, {
      id: bought.purchaseId,
      tenantId: bought.tenantId,
      addOnKey: bought.addOnKey,
      quantity: bought.quantity,
      at: new Date(bought.purchasedAt),
      source: 'SELF_SERVICE',
    }),
  );
  await em.flush();
  await lockPool(em, bought.tenantId, bought.addOnKey);
  const from = new Date(bought.purchasedAt);
  if (!(await reconcilePool(em, { tenantId: bought.tenantId, addOn: { key: bought.addOnKey }, from, now, actor: SYSTEM_ACTOR }))) {
    await announcePool(em, bought.tenantId, bought.addOnKey, now);
  }
}

async function applySubscriptionChange(em: EntityManager, event: SubscriptionChanged, now: Date): Promise<void> {
  const { subscription, release } = event.payload;
  const tenantId = subscription.tenantId;
  const changedAt = new Date(event.occurredAt);
  // A renewal takes effect when its term starts, which may lie before it was made (a late
  // renewal that continues the term): ends from then on are worked out again.
  const effectiveAt = release ? new Date(release.effectiveAt) : changedAt;
  const from = new Date(Math.min(changedAt.getTime(), effectiveAt.getTime()));
  // The pools this change can reach, locked in key order before anything is read: those
  // someone holds, those the subscription's terms include, and those Elite seats cover.
  const held = await readRows(em, Assignment, { tenantId, ...heldAt(from) });
  const addOnKeys = [
    ...new Set([
      ...held.map((a) => a.addOnKey),
      ...subscription.terms.flatMap((term) => term.addOns.map((a) => a.addOnKey)),
      ...(subscription.licensingModel === 'CONCURRENT' ? SEAT_COVERED_UNDER_CONCURRENT : []),
      ...(release?.releases.map((r) => r.addOnKey) ?? []),
    ]),
  ].sort();
  for (const addOnKey of addOnKeys) await lockPool(em, tenantId, addOnKey);
  const addOns = await findReplicaAddOns(em, addOnKeys);
  for (const addOnKey of addOnKeys) {
    const named = release?.releases.find((r) => r.addOnKey === addOnKey)?.userIds ?? [];
    if (named.length > 0) {
      // Held when the change takes effect, or only scheduled to end by then (the walk below would work that end out again).
      const rows = (await em.find(Assignment, { tenantId, addOnKey, userId: { $in: [...named] }, assignedAt: { $lte: effectiveAt }, ...heldAt(from) })).filter(
        (row) => row.unassignedAt == null || row.unassignedAt.getTime() > effectiveAt.getTime() || row.ending === 'LICENCES_ENDED',
      );
      for (const row of rows) {
        row.unassignedAt = effectiveAt;
        row.ending = 'RELEASED';
        if (effectiveAt.getTime() <= now.getTime()) row.activeKey = null;
      }
      recordAudit(
        em,
        rows.map((row) => ({ tenantId, action: 'licence.released', entityType: 'Assignment', entityId: row.id, after: { userId: row.userId, addOnKey, endsAt: effectiveAt.toISOString(), subscriptionId: subscription.subscriptionId } })),
        SYSTEM_ACTOR,
        effectiveAt,
      );
      await em.flush();
    }
    const changed = await reconcilePool(em, { tenantId, addOn: addOns.get(addOnKey) ?? { key: addOnKey }, from, now, actor: SYSTEM_ACTOR });
    if (!changed && named.length > 0) await announcePool(em, tenantId, addOnKey, now);
  }
}
