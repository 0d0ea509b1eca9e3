import type { SqlEntityManager } from '@mikro-orm/knex';
import { raw } from '@mikro-orm/core';
import DataLoader from 'dataloader';

import type { PartnerAccessLevel } from '../kernel/integration-events';
import type { TenantAccessFacts } from '../kernel/tenant-access';
import { USAGE_TYPE_DEFINITIONS, type UsageType } from '../kernel/usage-types';
import { CATALOG_REPLICA_LOADERS, type CatalogReplicaLoaders } from '../runtime/catalog-replica';
import { groupedLoader, keyedLoader } from '../runtime/keyed-loader';
import { lazyLoaders, type LoaderDeps } from '../runtime/lazy-loaders';
import { countRows, readRows } from '../runtime/read-rows';
import { cachedLoader } from '../runtime/process-cache';
import { Partner, type PartnerRow } from './entities/partner.entity';
import { SubscriptionTerm } from './entities/subscription-term.entity';
import { Subscription } from './entities/subscription.entity';
import { TenantPartner, type TenantPartnerRow } from './entities/tenant-partner.entity';
import { Tenant, type TenantRow } from './entities/tenant.entity';
import { UsageRecord } from './entities/usage-record.entity';
import { termFromPlainRow, viewFromPlainRow, type SubscriptionView } from './entities/subscription-views';

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

/** A tenant's whole subscription history, oldest first, as this process keeps it in memory. */
interface TenantSubscriptions {
  readonly tenantId: string;
  readonly views: SubscriptionView[];
}

// A tenant's whole history is read on every primary / responsible / overage question:
// plain rows, two queries, no hydration (runtime/plain-rows.ts).
async function loadViews(em: SqlEntityManager, where: { id: { $in: string[] } } | { tenantId: { $in: string[] } }): Promise<SubscriptionView[]> {
  const rows = await em
    .createQueryBuilder(Subscription)
    .select('*')
    .where(where)
    .orderBy({ originalStartsAt: 'asc', id: 'asc' })
    .execute<Record<string, unknown>[]>('all');
  if (rows.length === 0) return [];
  // Terms carry their tenant id, so a tenant's terms come by the tenant index, not by 1,000 ids.
  const termsWhere = 'tenantId' in where ? where : { subscriptionId: { $in: rows.map((r) => r.id as string) } };
  const terms = await em.createQueryBuilder(SubscriptionTerm).select('*').where(termsWhere).execute<Record<string, unknown>[]>('all');
  const bySubscription = new Map<string, ReturnType<typeof termFromPlainRow>[]>();
  for (const raw of terms) {
    const term = termFromPlainRow(raw);
    const list = bySubscription.get(term.subscriptionId) ?? [];
    list.push(term);
    bySubscription.set(term.subscriptionId, list);
  }
  return rows.map((row) => viewFromPlainRow(row, bySubscription.get(row.id as string) ?? []));
}

/** Per-request loaders of Subscriptions, each made on first use (runtime/lazy-loaders.ts). */
export const createSubscriptionsLoaders = lazyLoaders<LoaderDeps<SqlEntityManager>, SubscriptionsLoaders>({
  ...CATALOG_REPLICA_LOADERS,
  tenantById: ({ em }) =>
    keyedLoader(
      (ids: readonly string[]) => readRows(em, Tenant, { id: ids }),
      (tenant) => tenant.id,
    ),
  tenantPartnersByTenantId: ({ em }) =>
    groupedLoader(
      (ids: readonly string[]) => readRows(em, TenantPartner, { tenantId: ids }, { orderBy: { since: 'asc', partnerId: 'asc' } }),
      (row) => row.tenantId,
    ),
  tenantFactsById: ({ em }, loaders) =>
    cachedLoader(
      em,
      'tenant-facts',
      async (ids): Promise<TenantAccessFacts[]> => {
        const tenants = (await loaders.tenantById.loadMany(ids)).filter((t): t is TenantRow => t !== null && !(t instanceof Error));
        const partners = await loaders.tenantPartnersByTenantId.loadMany(tenants.map((t) => t.id));
        return tenants.map((tenant, i) => ({
          tenantId: tenant.id,
          partners: new Map<string, PartnerAccessLevel>(
            (partners[i] instanceof Error ? [] : (partners[i] as TenantPartnerRow[])).map((row) => [row.partnerId, row.access]),
          ),
        }));
      },
      (facts) => facts.tenantId,
    ),
  partnerById: ({ em }) => keyedLoader((ids: readonly string[]) => readRows(em, Partner, { id: ids }), (p) => p.id),
  subscriptionById: ({ em }) => keyedLoader((ids: readonly string[]) => loadViews(em, { id: { $in: [...ids] } }), (s) => s.id),
  // Read on every primary / responsible / overage question, changed only by this
  // process's commands (commands/lock-tenant.ts), which forget it once they end.
  subscriptionsByTenantId: ({ em }) => {
    const histories = cachedLoader<TenantSubscriptions>(
      em,
      'tenant-subscriptions',
      // Only tenants that have subscriptions, as the cache keeps only what exists: one with none is read again.
      async (ids) => {
        const byTenant = new Map<string, SubscriptionView[]>();
        for (const view of await loadViews(em, { tenantId: { $in: [...ids] } })) {
          const views = byTenant.get(view.tenantId);
          if (views) views.push(view);
          else byTenant.set(view.tenantId, [view]);
        }
        return [...byTenant].map(([tenantId, views]) => ({ tenantId, views }));
      },
      (history) => history.tenantId,
    );
    return new DataLoader<string, SubscriptionView[]>(async (ids) =>
      (await histories.loadMany(ids)).map((history) => (history instanceof Error ? history : (history?.views ?? []))),
    );
  },
  countTenants: ({ em }) => () => countRows(em, Tenant, {}),
  usedInPeriod: ({ em }) => async (tenantId, usageType, from, to) => {
    const inPeriod = { tenantId, usageType, at: { $gte: from, $lt: to } };
    if (USAGE_TYPE_DEFINITIONS[usageType].aggregation === 'SUM') {
      const [row] = await em.createQueryBuilder(UsageRecord).select(raw('coalesce(sum(quantity), 0) as used')).where(inPeriod).execute<{ used: number | string }[]>();
      return Number(row?.used ?? 0);
    }
    // The level in force at `from` (the last reading at or before it: one exactly at
    // `from` replaces an older level), then every level read after it.
    const [[peak], atStart] = await Promise.all([
      em
        .createQueryBuilder(UsageRecord)
        .select(raw('coalesce(max(quantity), 0) as used'))
        .where({ tenantId, usageType, at: { $gt: from, $lt: to } })
        .execute<{ used: number | string }[]>(),
      em.findOne(UsageRecord, { tenantId, usageType, at: { $lte: from } }, { orderBy: { at: 'desc', id: 'desc' }, fields: ['quantity'] }),
    ]);
    return Math.max(Number(peak?.used ?? 0), atStart?.quantity ?? 0);
  },
});
