import { defineEntity, p, type EntityManager } from '@mikro-orm/core';
import type DataLoader from 'dataloader';

import type { IntegrationEvent, PartnerAccessLevel } from '../kernel/integration-events';
import type { TenantAccessFacts } from '../kernel/tenant-access';
import { keyedLoader } from './keyed-loader';
import { readRows } from './read-rows';

/**
 * A subgraph's copy of what Subscriptions says about tenants, fed by its events
 * (TenantCreated, PartnerAccessChanged): enough to check that a tenant exists and to
 * scope reads and writes by it, without calling Subscriptions behind the gateway.
 */
export const DirectoryTenant = defineEntity({
  name: 'DirectoryTenant',
  tableName: 'directory_tenant',
  properties: {
    id: p.string().primary(),
    name: p.string(),
    createdAt: p.datetime(),
  },
});

export const DirectoryPartnerAccess = defineEntity({
  name: 'DirectoryPartnerAccess',
  tableName: 'directory_partner_access',
  properties: {
    tenantId: p.string().primary(),
    partnerId: p.string().primary(),
    access: p.enum(['READ_ONLY', 'FULL'] as const),
  },
});

export const TENANT_DIRECTORY_ENTITIES = [DirectoryTenant, DirectoryPartnerAccess];

/** Applies a tenant event to the directory; other events are not its business. */
export async function applyToTenantDirectory(em: EntityManager, event: IntegrationEvent): Promise<void> {
  switch (event.type) {
    case 'TenantCreated': {
      const { tenantId, name, managingPartnerId } = event.payload;
      await em.upsert(DirectoryTenant, { id: tenantId, name, createdAt: new Date(event.occurredAt) });
      if (managingPartnerId) {
        await em.upsert(DirectoryPartnerAccess, { tenantId, partnerId: managingPartnerId, access: 'FULL' });
      }
      return;
    }
    case 'PartnerAccessChanged': {
      const { tenantId, partnerId, access } = event.payload;
      await em.upsert(DirectoryPartnerAccess, { tenantId, partnerId, access });
      return;
    }
  }
}

/** Tenant facts by id from the directory: two queries per batch. */
export function directoryFactsByTenantId(em: EntityManager): DataLoader<string, TenantAccessFacts | null> {
  return keyedLoader(async (ids: readonly string[]) => {
    const [tenants, accesses] = await Promise.all([
      readRows(em, DirectoryTenant, { id: ids }),
      readRows(em, DirectoryPartnerAccess, { tenantId: ids }),
    ]);
    return tenants.map((tenant) => ({
      tenantId: tenant.id,
      partners: new Map<string, PartnerAccessLevel>(
        accesses.filter((a) => a.tenantId === tenant.id).map((a) => [a.partnerId, a.access]),
      ),
    }));
  }, (facts) => facts.tenantId);
}
