import { raw, type EntityManager } from '@mikro-orm/core';

import { PoolLock } from '../entities/pool-lock.entity';

/**
 * Takes the (tenant, add-on) pool's write lock for the rest of the transaction. Every
 * change of a pool calls it first, so two concurrent assignments of the last licence
 * run one after the other and the second sees the first's result (R16, R21).
 */
export async function lockPool(tx: EntityManager, tenantId: string, addOnKey: string): Promise<void> {
  await tx.upsert(PoolLock, { tenantId, addOnKey, seq: 0 }, { onConflictAction: 'ignore' });
  await tx.nativeUpdate(PoolLock, { tenantId, addOnKey }, { seq: raw('seq + 1') });
}

/** The lock key of a tenant's concurrent sessions (no add-on key starts with `#`). */
const SESSIONS_LOCK_KEY = '#sessions';

/**
 * Serialises the logouts of a tenant that may end a stretch above the seats (R23): two
 * at once would each still see the other's session open and neither record the stretch.
 */
export function lockTenantSessions(tx: EntityManager, tenantId: string): Promise<void> {
  return lockPool(tx, tenantId, SESSIONS_LOCK_KEY);
}
