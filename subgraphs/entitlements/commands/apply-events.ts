import type { EntityManager } from '@mikro-orm/core';

import type { IntegrationEvent } from '../../kernel/integration-events';
import { PoolPurchase } from '../entities/pool-purchase.entity';

/** The events Entitlements acts on beyond its replicas. */
export const ENTITLEMENTS_EVENT_TYPES: readonly IntegrationEvent['type'][] = ['AddOnPurchased'];

/**
 * R15, R31: licences bought through self-service (Invoicing) join the tenant's pool,
 * under the purchase's id, from the instant they were bought.
 */
export async function applyEntitlementsEvent(em: EntityManager, event: IntegrationEvent): Promise<void> {
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
}
