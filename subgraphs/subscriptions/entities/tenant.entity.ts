import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const Tenant = defineEntity({
  name: 'Tenant',
  tableName: 'tenant',
  properties: {
    id: p.string().primary(),
    name: p.string(),
    /** R10: set by the first subscription; every later one must match. */
    licensingModel: p.enum(['NAMED', 'CONCURRENT'] as const).nullable(),
    /** R11: set by the first subscription; every later one must match. */
    telephony: p.string().nullable(),
    createdAt: p.datetime(),
    /** Bumped by every change that must be serialised per tenant (optimistic lock, R10 race). */
    version: p.integer().version(),
  },
});
export type TenantRow = InferEntity<typeof Tenant>;
