import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const PURCHASE_SOURCES = ['SELF_SERVICE', 'AUTO_PURCHASE'] as const;
export type PurchaseSource = (typeof PURCHASE_SOURCES)[number];

/**
 * Add-on licences bought (R31: final, never refunded or deleted): through self-service
 * (`purchaseAddOn`) or by assigning beyond the pool in Entitlements (LicenseBought, same
 * id there). `unitAmountMinor` is the catalog's monthly price when bought; the purchase
 * is billed to `subscriptionId`, the tenant's primary subscription at that instant.
 */
export const Purchase = defineEntity({
  name: 'Purchase',
  tableName: 'purchase',
  properties: {
    id: p.string().primary(),
    tenantId: p.string(),
    addOnKey: p.string(),
    quantity: p.integer(),
    unitAmountMinor: p.bigint('number'),
    currency: p.string().length(3),
    purchasedAt: p.datetime(),
    source: p.enum([...PURCHASE_SOURCES]),
    subscriptionId: p.string().nullable().index(),
    actor: p.string(),
    /** The client's key (self-service): the same key and payload are the same purchase. */
    idempotencyKey: p.string().nullable(),
    /** What the key was first used for; another payload with the key is CONFLICT. */
    requestFingerprint: p.string().nullable(),
    /**
     * `tenant/add-on` for a self-service purchase, null otherwise: unique, so two owners
     * buying the same add-on at once cannot both succeed (R31 ALREADY_PURCHASED).
     */
    selfServiceSlot: p.string().nullable().unique(),
  },
  indexes: [{ properties: ['tenantId', 'addOnKey'] }],
  uniques: [{ properties: ['tenantId', 'idempotencyKey'] }],
});
export type PurchaseRow = InferEntity<typeof Purchase>;
