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
    /**
     * Bumped first by every change that must see the tenant's latest provisioning (R10,
     * R11): the update takes the row's write lock, so two such changes of one tenant run
     * one after the other on PostgreSQL, and SQLite has one writer anyway.
     */
    provisioningSeq: p.integer().default(0),
  },
});
export type TenantRow = InferEntity<typeof Tenant>;
