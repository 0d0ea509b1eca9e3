import { raw, type EntityManager } from '@mikro-orm/core';

import { TenantUserCount } from '../entities/tenant-user-count.entity';

/** Adds `created` users to the tenant's count, in the transaction that creates them, and answers the new count. */
export async function countCreatedUsers(tx: EntityManager, tenantId: string, created: number): Promise<number> {
  await tx.upsert(TenantUserCount, { tenantId, users: 0 }, { onConflictAction: 'ignore' });
  await tx.nativeUpdate(TenantUserCount, { tenantId }, { users: raw(`users + ${Math.trunc(created)}`) });
  return (await tx.findOneOrFail(TenantUserCount, { tenantId }, { refresh: true })).users;
}
