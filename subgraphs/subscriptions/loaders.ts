import type { SqlEntityManager } from '@mikro-orm/knex';
import { raw } from '@mikro-orm/core';
import type DataLoader from 'dataloader';

import type { PartnerAccessLevel } from '../kernel/integration-events';
import type { TenantAccessFacts } from '../kernel/tenant-access';
import { USAGE_TYPE_DEFINITIONS, type UsageType } from '../kernel/usage-types';
import { createCatalogReplicaLoaders, type CatalogReplicaLoaders } from '../runtime/catalog-replica';
import { groupedLoader, keyedLoader } from '../runtime/keyed-loader';
import { Partner, type PartnerRow } from './entities/partner.entity';
import { SubscriptionTerm } from './entities/subscription-term.entity';
import { Subscription } from './entities/subscription.entity';
import { TenantPartner, type TenantPartnerRow } from './entities/tenant-partner.entity';
import { Tenant, type TenantRow } from './entities/tenant.entity';
import { UsageRecord } from './entities/usage-record.entity';
import { toView, type SubscriptionView } from './subscription-records';

export interface SubscriptionsLoaders extends CatalogReplicaLoaders {
  readonly tenantById: DataLoader<string, TenantRow | null>;
  readonly partnerById: DataLoader<string, PartnerRow | null>;
  readonly tenantPartnersByTenantId: DataLoader<string, TenantPartnerRow[]>;
  /** What scoping needs of a tenant (R33), from this subgraph's own tables. */
  readonly tenantFactsById: DataLoader<string, TenantAccessFacts | null>;
  readonly subscriptionById: DataLoader<string, SubscriptionView | null>;
  /** A tenant's subscriptions with all their terms, oldest first: two queries per batch of tenants. */
  readonly subscriptionsByTenantId: DataLoader<string, SubscriptionView[]>;
  countTenants(): Promise<number>;
  /**
   * R9: a usage type's use over [from, to): the sum of increments for metered types; for
   * seat-like types the peak level, counting the level in force when the period starts.
   */
  usedInPeriod(tenantId: string, usageType: UsageType, from: Date, to: Date): Promise<number>;
}

export function createSubscriptionsLoaders(em: SqlEntityManager): SubscriptionsLoaders {
  const tenantById = keyedLoader(
    (ids: readonly string[]) => em.find(Tenant, { id: { $in: [...ids] } }),
    (tenant) => tenant.id,
  );
  const tenantPartnersByTenantId = groupedLoader(
    (ids: readonly string[]) =>
      em.find(TenantPartner, { tenantId: { $in: [...ids] } }, { orderBy: { since: 'asc', partnerId: 'asc' } }),
    (row) => row.tenantId,
  );
  const tenantFactsById = keyedLoader(
    async (ids: readonly string[]) => {
      const tenants = (await tenantById.loadMany(ids)).filter((t): t is TenantRow => t !== null && !(t instanceof Error));
      const partners = await tenantPartnersByTenantId.loadMany(tenants.map((t) => t.id));
      return tenants.map((tenant, i) => ({
        tenantId: tenant.id,
        partners: new Map<string, PartnerAccessLevel>(
          (partners[i] instanceof Error ? [] : (partners[i] as TenantPartnerRow[])).map((row) => [row.partnerId, row.access]),
        ),
      }));
    },
    (facts) => facts.tenantId,
  );
  const loadViews = async (where: { id: { $in: string[] } } | { tenantId: { $in: string[] } }) => {
    const rows = await em.find(Subscription, where, { orderBy: { originalStartsAt: 'asc', id: 'asc' } });
    if (rows.length === 0) return [];
    const terms = await em.find(SubscriptionTerm, { subscriptionId: { $in: rows.map((r) => r.id) } });
    const bySubscription = new Map<string, typeof terms>();
    for (const term of terms) {
      const list = bySubscription.get(term.subscriptionId) ?? [];
      list.push(term);
      bySubscription.set(term.subscriptionId, list);
    }
    return rows.map((row) => toView(row, bySubscription.get(row.id) ?? []));
  };
  return {
    ...createCatalogReplicaLoaders(em),
    tenantById,
    partnerById: keyedLoader((ids: readonly string[]) => em.find(Partner, { id: { $in: [...ids] } }), (p) => p.id),
    tenantPartnersByTenantId,
    tenantFactsById,
    subscriptionById: keyedLoader((ids: readonly string[]) => loadViews({ id: { $in: [...ids] } }), (s) => s.id),
    subscriptionsByTenantId: groupedLoader((ids: readonly string[]) => loadViews({ tenantId: { $in: [...ids] } }), (s) => s.tenantId),
    countTenants: () => em.count(Tenant, {}),
    usedInPeriod: async (tenantId, usageType, from, to) => {
      const inPeriod = { tenantId, usageType, at: { $gte: from, $lt: to } };
      if (USAGE_TYPE_DEFINITIONS[usageType].aggregation === 'SUM') {
        const [row] = await em.createQueryBuilder(UsageRecord).select(raw('coalesce(sum(quantity), 0) as used')).where(inPeriod).execute<{ used: number | string }[]>();
        return Number(row?.used ?? 0);
      }
      const [[peak], before] = await Promise.all([
        em.createQueryBuilder(UsageRecord).select(raw('coalesce(max(quantity), 0) as used')).where(inPeriod).execute<{ used: number | string }[]>(),
        em.findOne(UsageRecord, { tenantId, usageType, at: { $lt: from } }, { orderBy: { at: 'desc', id: 'desc' }, fields: ['quantity'] }),
      ]);
      return Math.max(Number(peak?.used ?? 0), before?.quantity ?? 0);
    },
  };
}
