import type { EntityManager } from '@mikro-orm/core';

import { DomainError } from '../../kernel/domain-error';
import type { PartnerAccessChanged } from '../../kernel/integration-events';
import { recordAuditInLog } from '../../runtime/audit';
import { enqueueEvents, newEvent } from '../../runtime/outbox';
import { forgetCached } from '../../runtime/process-cache';
import { TenantPartner, type TenantPartnerRow } from '../entities/tenant-partner.entity';

/** R13: raises a partner of the tenant to FULL access. The caller has checked who may. */
export async function grantPartnerFullAccess(em: EntityManager, tenantId: string, partnerId: string, at: Date, actor: string): Promise<TenantPartnerRow> {
  try {
    return await em.transactional(async (tx) => {
      const row = await tx.findOne(TenantPartner, { tenantId, partnerId });
      if (!row) throw new DomainError('NOT_FOUND', `partner ${partnerId} is not a partner of tenant ${tenantId}`);
      if (row.access === 'FULL') return row;
      row.access = 'FULL';
      recordAuditInLog(tx, [{ tenantId, action: 'partner_access.changed', entityType: 'TenantPartner', entityId: partnerId, before: { access: 'READ_ONLY' }, after: { access: 'FULL' } }], actor, at);
      enqueueEvents(tx, [newEvent<PartnerAccessChanged>('PartnerAccessChanged', { tenantId, partnerId, access: 'FULL' }, at)]);
      return row;
    });
  } finally {
    forgetCached(em, 'tenant-facts', tenantId);
  }
}
