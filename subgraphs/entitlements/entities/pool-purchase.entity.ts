import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Licences added to a tenant's pool beyond its subscriptions' add-on quantities: bought
 * by assigning beyond the pool (R16, R18) or through self-service (R31). Final: never
 * deleted, never negative (R17, R31).
 */
export const PoolPurchase = defineEntity({
  name: 'PoolPurchase',
  tableName: 'pool_purchase',
  properties: {
    id: p.string().primary(),
    tenantId: p.string(),
    addOnKey: p.string(),
    quantity: p.integer(),
    at: p.datetime(),
    source: p.enum(['AUTO_PURCHASE', 'SELF_SERVICE'] as const),
  },
  indexes: [{ properties: ['tenantId', 'addOnKey', 'at'] }],
});
export type PoolPurchaseRow = InferEntity<typeof PoolPurchase>;
