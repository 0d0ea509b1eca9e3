import type { EntityManager } from '@mikro-orm/core';

import type { CatalogAddOn, PlanSnapshot } from '../../kernel/catalog-model';
import type { SubscriptionSnapshot } from '../../kernel/integration-events';
import { fromSnapshot } from '../../kernel/replicated-subscription';
import { CatalogReplica } from '../../runtime/catalog-replica';
import { readRows } from '../../runtime/read-rows';
import { SubscriptionReplica } from '../../runtime/subscription-replica';
import type { PoolFacts } from '../domain/pool-state';
import { PoolPurchase } from '../entities/pool-purchase.entity';

/**
 * The facts a command decides a pool on, inside its transaction after the pool lock:
 * every licence bought so far counts, whatever instant it carries (requests read their
 * clock before they wait for the lock, so a later request can hold it first with a
 * later instant; counting purchases by instant would let the waiting one miss it).
 */
export async function readPoolFacts(tx: EntityManager, tenantId: string, addOn: Pick<CatalogAddOn, 'key'>, at: Date | null): Promise<PoolFacts> {
  const [subscriptionRows, purchaseRows] = await Promise.all([
    readRows(tx, SubscriptionReplica, { tenantId }, { orderBy: { id: 'asc' } }),
    readRows(tx, PoolPurchase, { tenantId, addOnKey: addOn.key }),
  ]);
  const subscriptions = subscriptionRows.map((row) => fromSnapshot(JSON.parse(row.document) as SubscriptionSnapshot));
  const planRows = await readRows(tx, CatalogReplica, { kind: 'PLAN', key: [...new Set(subscriptions.map((s) => s.planKey))] });
  const plans = new Map(planRows.map((row) => [row.key, JSON.parse(row.document) as PlanSnapshot]));
  const purchases = purchaseRows.map((p) => ({ quantity: p.quantity, at: at && p.at.getTime() > at.getTime() ? at : p.at }));
  return { subscriptions, plans, purchases };
}
