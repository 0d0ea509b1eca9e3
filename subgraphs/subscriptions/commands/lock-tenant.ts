import { raw, type EntityManager } from '@mikro-orm/core';

import { DomainError } from '../../kernel/domain-error';
import { forgetCached } from '../../runtime/process-cache';
import { Tenant, type TenantRow } from '../entities/tenant.entity';

/** Takes a tenant's lock within the change's transaction (see {@link changeTenantSubscriptions}). */
export type LockTenant = (tenantId: string) => Promise<TenantRow>;

/**
 * Runs a change of tenants' subscriptions in one transaction. `work` locks each tenant
 * it changes with `lock` first: that takes the tenant row's write lock for the rest of
 * the transaction and returns the tenant as committed by whoever held it before, so two
 * changes that depend on the tenant's provisioning (R10, R11) never both see "no model
 * yet". NOT_FOUND when there is no such tenant. Once the transaction has ended
 * (committed or not), this process forgets the subscription history it keeps in memory
 * for every tenant locked (`tenant-subscriptions`, runtime/process-cache.ts): every
 * command that changes a tenant's subscriptions goes through here, so the next read
 * sees the change.
 */
export async function changeTenantSubscriptions<T>(em: EntityManager, work: (tx: EntityManager, lock: LockTenant) => Promise<T>): Promise<T> {
  const locked = new Set<string>();
  try {
    return await em.transactional((tx) =>
      work(tx, async (tenantId) => {
        locked.add(tenantId);
        return lockTenant(tx, tenantId);
      }),
    );
  } finally {
    for (const tenantId of locked) forgetCached(em, 'tenant-subscriptions', tenantId);
  }
}

async function lockTenant(tx: EntityManager, tenantId: string): Promise<TenantRow> {
  const updated = await tx.nativeUpdate(Tenant, { id: tenantId }, { provisioningSeq: raw('provisioning_seq + 1') });
  if (updated === 0) throw new DomainError('NOT_FOUND', `no tenant ${tenantId}`);
  return tx.findOneOrFail(Tenant, { id: tenantId }, { refresh: true });
}
