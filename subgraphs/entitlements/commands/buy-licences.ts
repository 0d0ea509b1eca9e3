import type { EntityManager } from '@mikro-orm/core';

import type { CatalogAddOn } from '../../kernel/catalog-model';
import { newId } from '../../kernel/ids';
import type { LicenseBought } from '../../kernel/integration-events';
import { enqueueEvents, newEvent } from '../../runtime/outbox';
import { PoolPurchase } from '../entities/pool-purchase.entity';

/**
 * R16, R18: records licences bought by assigning beyond the pool and announces them to
 * Invoicing (LicenseBought, prorated there, R27), in the caller's transaction.
 */
export function buyLicences(tx: EntityManager, tenantId: string, addOn: CatalogAddOn, quantity: number, at: Date, actor: string): void {
  const purchaseId = newId('pur', at);
  tx.persist(tx.create(PoolPurchase, { id: purchaseId, tenantId, addOnKey: addOn.key, quantity, at, source: 'AUTO_PURCHASE' }));
  enqueueEvents(tx, [
    newEvent<LicenseBought>(
      'LicenseBought',
      { purchaseId, tenantId, addOnKey: addOn.key, quantity, unitPrice: addOn.unitPrice, boughtAt: at.toISOString(), boughtBy: actor },
      at,
    ),
  ]);
}
