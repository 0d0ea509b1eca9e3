import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A partner's access to a tenant (R13): the managing partner has FULL, a second partner starts READ_ONLY. */
export const TenantPartner = defineEntity({
  name: 'TenantPartner',
  tableName: 'tenant_partner',
  properties: {
    tenantId: p.string().primary(),
    partnerId: p.string().primary(),
    access: p.enum(['READ_ONLY', 'FULL'] as const),
    managing: p.boolean(),
    since: p.datetime(),
  },
  indexes: [{ properties: ['partnerId'] }],
});
export type TenantPartnerRow = InferEntity<typeof TenantPartner>;
