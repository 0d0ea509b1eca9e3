import type { EntityManager } from '@mikro-orm/core';

import { DomainError } from '../../kernel/domain-error';
import type { PartnerAccessChanged } from '../../kernel/integration-events';
import { recordAuditInLog } from '../../runtime/audit';
import { enqueueEvents, newEvent } from '../../runtime/outbox';
import { forgetCached } from '../../runtime/process-cache';
import { accessOfAddedPartner } from '../domain/partner-access';
import { Partner } from '../entities/partner.entity';
import { TenantPartner, type TenantPartnerRow } from '../entities/tenant-partner.entity';
import { Tenant } from '../entities/tenant.entity';

/**
 * R13: adds a second partner to a tenant with READ_ONLY access (a partner it has
 * already keeps its access). The caller has checked who may add partners.
 */
export async function addPartnerToTenant(em: EntityManager, tenantId: string, partnerId: string, at: Date, actor: string): Promise<TenantPartnerRow> {
  try {
    return await em.transactional(async (tx) => {
      if (!(await tx.findOne(Tenant, { id: tenantId }))) throw new DomainError('NOT_FOUND', `no tenant ${tenantId}`);
      if (!(await tx.findOne(Partner, { id: partnerId }))) throw new DomainError('NOT_FOUND', `no partner ${partnerId}`);
      const existing = await tx.findOne(TenantPartner, { tenantId, partnerId });
      if (existing) return existing;
      const row = tx.create(TenantPartner, { tenantId, partnerId, access: accessOfAddedPartner(null), managing: false, since: at });
      tx.persist(row);
      recordAuditInLog(tx, [{ tenantId, action: 'partner_access.granted', entityType: 'TenantPartner', entityId: partnerId, after: { access: row.access, managing: false } }], actor, at);
      enqueueEvents(tx, [newEvent<PartnerAccessChanged>('PartnerAccessChanged', { tenantId, partnerId, access: row.access }, at)]);
      return row;
    });
  } finally {
    forgetCached(em, 'tenant-facts', tenantId);
  }
}
