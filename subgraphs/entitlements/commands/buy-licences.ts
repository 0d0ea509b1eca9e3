import type { EntityManager } from '@mikro-orm/core';

import type { CatalogAddOn } from '../../kernel/catalog-model';
import { newId } from '../../kernel/ids';
import type { LicenseBought, SubscriptionSnapshot } from '../../kernel/integration-events';
import { findPrimarySubscription } from '../../kernel/primary-subscription';
import { enqueueEvents, newEvent } from '../../runtime/outbox';
import { SubscriptionReplica } from '../../runtime/subscription-replica';
import { fromSnapshot } from '../../kernel/replicated-subscription';
import { PoolPurchase } from '../entities/pool-purchase.entity';
import { recordAudit } from '../../runtime/audit';

/**
 * R16, R18: records licences bought by assigning beyond the pool and announces them to
 * Invoicing (LicenseBought, prorated there, R27), in the caller's transaction. The event
 * names the subscription billed (the primary one at `at`, R8, as Entitlements knows it),
 * so Invoicing waits for that subscription rather than bill without it.
 */
export async function buyLicences(tx: EntityManager, tenantId: string, addOn: CatalogAddOn, quantity: number, at: Date, actor: string): Promise<void> {
  const purchaseId = newId('pur', at);
  const subscriptions = (await tx.find(SubscriptionReplica, { tenantId })).map((row) => {
    const subscription = fromSnapshot(JSON.parse(row.document) as SubscriptionSnapshot);
    return { ...subscription, id: subscription.subscriptionId };
  });
  const billedSubscriptionId = findPrimarySubscription(subscriptions, at)?.id ?? null;
  tx.persist(tx.create(PoolPurchase, { id: purchaseId, tenantId, addOnKey: addOn.key, quantity, at, source: 'AUTO_PURCHASE' }));
  recordAudit(tx, [{ tenantId, action: 'licences.bought', entityType: 'PoolPurchase', entityId: purchaseId, after: { addOnKey: addOn.key, quantity, unitPrice: addOn.unitPrice, billedSubscriptionId } }], actor, at);
  enqueueEvents(tx, [
    newEvent<LicenseBought>(
      'LicenseBought',
      { purchaseId, tenantId, addOnKey: addOn.key, quantity, unitPrice: addOn.unitPrice, boughtAt: at.toISOString(), boughtBy: actor, billedSubscriptionId },
      at,
    ),
  ]);
}
