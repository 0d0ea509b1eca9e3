import { raw, type EntityManager } from '@mikro-orm/core';

import { DomainError } from '../../kernel/domain-error';
import { Tenant, type TenantRow } from '../entities/tenant.entity';

/**
 * Takes the tenant row's write lock for the rest of the transaction and returns the
 * tenant as committed by whoever held it before. Changes that depend on the tenant's
 * provisioning (R10, R11) call it first, so two of them never both see "no model yet".
 * NOT_FOUND when there is no such tenant.
 */
export async function lockTenant(tx: EntityManager, tenantId: string): Promise<TenantRow> {
  const updated = await tx.nativeUpdate(Tenant, { id: tenantId }, { provisioningSeq: raw('provisioning_seq + 1') });
  if (updated === 0) throw new DomainError('NOT_FOUND', `no tenant ${tenantId}`);
  return tx.findOneOrFail(Tenant, { id: tenantId }, { refresh: true });
}
