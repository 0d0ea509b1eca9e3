import type { EntityManager } from '@mikro-orm/core';
import type DataLoader from 'dataloader';

import type { PartnerAccessLevel } from '../kernel/integration-events';
import type { TenantAccessFacts } from '../kernel/tenant-access';
import { groupedLoader, keyedLoader } from '../runtime/keyed-loader';
import { Partner, type PartnerRow } from './entities/partner.entity';
import { TenantPartner, type TenantPartnerRow } from './entities/tenant-partner.entity';
import { Tenant, type TenantRow } from './entities/tenant.entity';

export interface SubscriptionsLoaders {
  readonly tenantById: DataLoader<string, TenantRow | null>;
  readonly partnerById: DataLoader<string, PartnerRow | null>;
  readonly tenantPartnersByTenantId: DataLoader<string, TenantPartnerRow[]>;
  /** What scoping needs of a tenant (R33), from this subgraph's own tables. */
  readonly tenantFactsById: DataLoader<string, TenantAccessFacts | null>;
  countTenants(): Promise<number>;
}

export function createSubscriptionsLoaders(em: EntityManager): SubscriptionsLoaders {
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
  return {
    tenantById,
    partnerById: keyedLoader((ids: readonly string[]) => em.find(Partner, { id: { $in: [...ids] } }), (p) => p.id),
    tenantPartnersByTenantId,
    tenantFactsById,
    countTenants: () => em.count(Tenant, {}),
  };
}
