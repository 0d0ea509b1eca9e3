import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

import { ROLES } from '../../kernel/principal';

export const User = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: p.string().primary(),
    tenantId: p.string(),
    name: p.string(),
    email: p.string(),
    role: p.enum([...ROLES]),
    createdAt: p.datetime(),
  },
  // (tenant, id) serves the users page (keyset by id within a tenant); e-mails are unique per tenant.
  indexes: [{ properties: ['tenantId', 'id'] }],
  uniques: [{ properties: ['tenantId', 'email'] }],
});
export type UserRow = InferEntity<typeof User>;
