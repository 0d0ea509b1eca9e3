import { defineEntity, p } from '@mikro-orm/core';

/**
 * How many users a tenant has, kept by the command that creates them (users are never
 * deleted): the users connection's `totalCount` is one row, not a count of every user
 * of the tenant on every page (100,000 index entries at 100,000 users).
 */
export const TenantUserCount = defineEntity({
  name: 'TenantUserCount',
  tableName: 'tenant_user_count',
  properties: {
    tenantId: p.string().primary(),
    users: p.integer().default(0),
  },
});
