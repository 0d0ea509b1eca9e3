import type { EntityManager } from '@mikro-orm/core';

import { DomainError } from '../../kernel/domain-error';
import { recordAudit } from '../../runtime/audit';
import { SubscriptionReplica } from '../../runtime/subscription-replica';
import { isSeatCovered } from '../../kernel/pool-capacity';
import { findReplicaAddOns } from '../../runtime/catalog-replica';
import { readRows } from '../../runtime/read-rows';
import { fits } from '../domain/capacity';
import { assertMappable } from '../domain/user-mapping';
import { Assignment } from '../entities/assignment.entity';
import { heldAt, readCommandPool } from './command-pool';
import { lockPool } from './lock-pool';
import { reconcilePool } from './reconcile-pool';
import { UserSubscriptionMapping } from '../entities/user-subscription-mapping.entity';
import { User, type UserRow } from '../entities/user.entity';

/**
 * R12: maps a user to a subscription of its tenant from `at` on. Runs in the caller's
 * transaction (createUser maps in the same one).
 */
export async function mapUser(tx: EntityManager, user: UserRow, subscriptionId: string, at: Date): Promise<void> {
  const subscription = await tx.findOne(SubscriptionReplica, { id: subscriptionId });
  assertMappable(user.tenantId, subscription, subscriptionId);
  await tx.upsert(UserSubscriptionMapping, { userId: user.id, from: at, subscriptionId, tenantId: user.tenantId });
}

/**
 * R37: a user who holds a licence Elite seats may cover (QM, WFM) and leaves a covering
 * subscription no longer takes the cover, so needs a licence of its own: refused with
 * LICENSE_LIMIT_REACHED when none is free (revoke it first, or buy one). Then the pool is
 * kept within its licences from then on (R36).
 */
async function keepCoveredPoolsWithin(tx: EntityManager, user: UserRow, at: Date, now: Date, actor: string): Promise<void> {
  const held = await readRows(tx, Assignment, { userId: user.id, ...heldAt(at) });
  // Pools are locked in key order, as every command that locks several does.
  for (const addOnKey of [...new Set(held.map((a) => a.addOnKey).filter(isSeatCovered))].sort()) {
    const addOn = (await findReplicaAddOns(tx, [addOnKey])).get(addOnKey);
    if (!addOn) continue;
    await lockPool(tx, user.tenantId, addOnKey);
    const pool = await readCommandPool(tx, user.tenantId, addOn, at);
    if (!fits(pool.holders, pool.capacity)) {
      throw new DomainError('LICENSE_LIMIT_REACHED', `the user holds ${addOnKey}, which that subscription's seats do not cover, and no licence is free; revoke it or buy one first`);
    }
    await reconcilePool(tx, { tenantId: user.tenantId, addOn, from: at, now, actor });
  }
}

export async function mapUserToSubscription(em: EntityManager, userId: string, subscriptionId: string, at: Date, now: Date, actor: string): Promise<UserRow> {
  return em.transactional(async (tx) => {
    const user = await tx.findOne(User, { id: userId });
    if (!user) throw new DomainError('NOT_FOUND', `no user ${userId}`);
    await mapUser(tx, user, subscriptionId, at);
    await tx.flush();
    await keepCoveredPoolsWithin(tx, user, at, now, actor);
    recordAudit(tx, [{ tenantId: user.tenantId, action: 'user.mapped', entityType: 'User', entityId: user.id, after: { subscriptionId, from: at } }], actor, at);
    return user;
  });
}
