import { defineEntity, p } from '@mikro-orm/core';

/**
 * One row per (tenant, add-on) that every change of the pool bumps first in its
 * transaction: the row's write lock puts two admins assigning the last licence one after
 * the other, so the pool never drifts from its assignments.
 */
export const PoolLock = defineEntity({
  name: 'PoolLock',
  tableName: 'pool_lock',
  properties: {
    tenantId: p.string().primary(),
    addOnKey: p.string().primary(),
    seq: p.integer().default(0),
  },
});
