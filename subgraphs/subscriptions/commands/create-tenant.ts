import type { EntityManager } from '@mikro-orm/core';

import { DomainError } from '../../kernel/domain-error';
import { newId } from '../../kernel/ids';
import type { TenantCreated } from '../../kernel/integration-events';
import { assertName } from '../../kernel/text-input';
import { recordAuditInLog } from '../../runtime/audit';
import { enqueueEvents, newEvent } from '../../runtime/outbox';
import { Partner } from '../entities/partner.entity';
import { TenantPartner } from '../entities/tenant-partner.entity';
import { Tenant, type TenantRow } from '../entities/tenant.entity';

/**
 * Creates a tenant with its managing partner (FULL access, R13) and announces it
 * (TenantCreated) in the same transaction, so every subgraph that scopes by tenant
 * learns of it exactly once.
 */
export async function createTenant(
  em: EntityManager,
  input: { name: string; managingPartnerId: string | null },
  at: Date,
  actor: string,
): Promise<TenantRow> {
  assertName(input.name, 'tenant');
  return em.transactional(async (tx) => {
    if (input.managingPartnerId && !(await tx.findOne(Partner, { id: input.managingPartnerId }))) {
      throw new DomainError('NOT_FOUND', `no partner ${input.managingPartnerId}`);
    }
    const tenant = tx.create(Tenant, {
      id: newId('ten', at),
      name: input.name.trim(),
      licensingModel: null,
      telephony: null,
      createdAt: at,
      provisioningSeq: 0,
    });
    tx.persist(tenant);
    if (input.managingPartnerId) {
      tx.persist(
        tx.create(TenantPartner, {
          tenantId: tenant.id,
          partnerId: input.managingPartnerId,
          access: 'FULL',
          managing: true,
          since: at,
        }),
      );
    }
    recordAuditInLog(
      tx,
      [
        { tenantId: tenant.id, action: 'tenant.created', entityType: 'Tenant', entityId: tenant.id, after: { name: tenant.name } },
        ...(input.managingPartnerId
          ? [{ tenantId: tenant.id, action: 'partner_access.granted', entityType: 'TenantPartner', entityId: input.managingPartnerId, after: { access: 'FULL', managing: true } }]
          : []),
      ],
      actor,
      at,
    );
    enqueueEvents(tx, [
      newEvent<TenantCreated>(
        'TenantCreated',
        { tenantId: tenant.id, name: tenant.name, managingPartnerId: input.managingPartnerId },
        at,
      ),
    ]);
    return tenant;
  });
}
