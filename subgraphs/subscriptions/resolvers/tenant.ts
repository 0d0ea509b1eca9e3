import type { PartnerRow } from '../entities/partner.entity';
import type { TenantPartnerRow } from '../entities/tenant-partner.entity';
import type { TenantRow } from '../entities/tenant.entity';
import { notImplemented } from '../../runtime/authorization';
import type { SubscriptionsContext } from '../context';

export const Tenant = {
  /** Scoped like `tenant(id)`: a tenant the principal may not see resolves to null. */
  __resolveReference: async (ref: { id: string }, ctx: SubscriptionsContext) =>
    (await ctx.tenants.canRead(ref.id)) ? ctx.loaders.tenantById.load(ref.id) : null,
  partners: (tenant: TenantRow, _: unknown, ctx: SubscriptionsContext) =>
    ctx.loaders.tenantPartnersByTenantId.load(tenant.id),
  subscriptions: () => notImplemented('Tenant.subscriptions'),
  primarySubscription: () => notImplemented('Tenant.primarySubscription'),
  responsibleSubscription: () => notImplemented('Tenant.responsibleSubscription'),
  overage: () => notImplemented('Tenant.overage'),
  auditLog: () => notImplemented('Tenant.auditLog'),
};

export const TenantPartner = {
  partner: (row: TenantPartnerRow, _: unknown, ctx: SubscriptionsContext): Promise<PartnerRow | null> =>
    ctx.loaders.partnerById.load(row.partnerId),
};
