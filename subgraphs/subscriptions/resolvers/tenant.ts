import { decodeCursor, pageSize, toPage } from '../../kernel/pagination';
import { AuditEntry } from '../../runtime/audit';
import { DomainError } from '../../kernel/domain-error';
import type { UsageType } from '../../kernel/usage-types';
import type { SubscriptionsContext } from '../context';
import { findPrimarySubscription } from '../../kernel/primary-subscription';
import { pickResponsibleSubscription } from '../../kernel/responsible-subscription';
import { computeTenantOverage } from '../../kernel/tenant-overage';
import type { PartnerRow } from '../entities/partner.entity';
import type { TenantPartnerRow } from '../entities/tenant-partner.entity';
import type { TenantRow } from '../entities/tenant.entity';

type At = { at?: Date | null };

export const Tenant = {
  /** Scoped like `tenant(id)`: a tenant the principal may not see resolves to null. */
  __resolveReference: async (ref: { id: string }, ctx: SubscriptionsContext) =>
    (await ctx.tenants.canRead(ref.id)) ? ctx.loaders.tenantById.load(ref.id) : null,
  partners: (tenant: TenantRow, _: unknown, ctx: SubscriptionsContext) => ctx.loaders.tenantPartnersByTenantId.load(tenant.id),
  subscriptions: (tenant: TenantRow, _: unknown, ctx: SubscriptionsContext) => ctx.loaders.subscriptionsByTenantId.load(tenant.id),
  primarySubscription: async (tenant: TenantRow, args: At, ctx: SubscriptionsContext) =>
    findPrimarySubscription(await ctx.loaders.subscriptionsByTenantId.load(tenant.id), ctx.at(args.at)),
  responsibleSubscription: async (tenant: TenantRow, args: At & { usageType: UsageType }, ctx: SubscriptionsContext) =>
    pickResponsibleSubscription(await ctx.loaders.subscriptionsByTenantId.load(tenant.id), args.usageType, ctx.at(args.at)),
  overage: async (tenant: TenantRow, args: { usageType: UsageType; from: Date; to: Date }, ctx: SubscriptionsContext) => {
    if (args.to.getTime() <= args.from.getTime()) throw new DomainError('BAD_USER_INPUT', '`to` must be after `from`');
    const [subscriptions, used] = await Promise.all([
      ctx.loaders.subscriptionsByTenantId.load(tenant.id),
      ctx.loaders.usedInPeriod(tenant.id, args.usageType, args.from, args.to),
    ]);
    return computeTenantOverage({ usageType: args.usageType, subscriptions, from: args.from, to: args.to, used });
  },
  /** R35: the tenant's changes in every subgraph, newest first, by keyset on the entry id. */
  auditLog: async (tenant: TenantRow, args: { first?: number | null; after?: string | null }, ctx: SubscriptionsContext) => {
    const size = pageSize(args.first);
    const before = decodeCursor(args.after);
    const rows = await ctx.em.find(AuditEntry, before ? { tenantId: tenant.id, id: { $lt: before } } : { tenantId: tenant.id }, {
      orderBy: { id: 'desc' },
      limit: size + 1,
    });
    return toPage(rows, size, (row) => row.id);
  },
};

export const TenantPartner = {
  partner: (row: TenantPartnerRow, _: unknown, ctx: SubscriptionsContext): Promise<PartnerRow | null> =>
    ctx.loaders.partnerById.load(row.partnerId),
};
