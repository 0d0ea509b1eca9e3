import { defineEntity, p, type EntityManager } from '@mikro-orm/core';
import type DataLoader from 'dataloader';

import type { IntegrationEvent, PartnerAccessLevel } from '../kernel/integration-events';
import type { TenantAccessFacts } from '../kernel/tenant-access';
import { readSql } from './read-rows';
import { cachedLoader, forgetCached } from './process-cache';

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

/**
 * After the consumer has committed (or failed) an event: a tenant event makes this
 * process read that tenant's facts from the table again.
 */
export function afterTenantDirectoryEvent(em: EntityManager, event: IntegrationEvent): void {
  if (event.type === 'TenantCreated' || event.type === 'PartnerAccessChanged') forgetCached(em, 'tenant-facts', event.payload.tenantId);
}

/** Tenant facts by id from the directory: from memory, else one query per batch (the tenant, joined with its partners' access). */
export function directoryFactsByTenantId(em: EntityManager): DataLoader<string, TenantAccessFacts | null> {
  return cachedLoader(em, 'tenant-facts', (ids) => readDirectoryFacts(em, ids), (facts) => facts.tenantId);
}

async function readDirectoryFacts(em: EntityManager, ids: readonly string[]): Promise<TenantAccessFacts[]> {
  const rows = await readSql(
    em,
    `select t.id as "tenantId", a.partner_id as "partnerId", a.access as "access" from directory_tenant t left join directory_partner_access a on a.tenant_id = t.id where t.id in (${ids.map(() => '?').join(', ')})`,
    ids,
  );
  const facts = new Map<string, Map<string, PartnerAccessLevel>>();
  for (const row of rows) {
    const partners = facts.get(row.tenantId as string) ?? new Map<string, PartnerAccessLevel>();
    if (row.partnerId != null) partners.set(row.partnerId as string, row.access as PartnerAccessLevel);
    facts.set(row.tenantId as string, partners);
  }
  return [...facts].map(([tenantId, partners]) => ({ tenantId, partners }));
}
