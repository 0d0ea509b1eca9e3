import type { EntityManager } from '@mikro-orm/core';

import type { CatalogAddOn } from '../../kernel/catalog-model';
import { BOUNDS } from '../../kernel/bounds';
import { DomainError } from '../../kernel/domain-error';
import { newId } from '../../kernel/ids';
import { planAssignment, type AssignmentPlan } from '../domain/capacity';
import { assertAssignable, type PoolBalance } from '../domain/pool';
import { activeKeyOf, Assignment } from '../entities/assignment.entity';
import { User } from '../entities/user.entity';
import { buyLicences } from './buy-licences';
import { lockPool } from './lock-pool';
import { heldAt, readCommandPool, releaseEndedHolds, type CommandPool } from './command-pool';
import { settlePool } from './set-add-on-assignment';
import { recordAudit } from '../../runtime/audit';

const CHUNK = 500;

export interface BulkAssignmentDecision {
  /** Users who would be newly assigned: duplicates and holders left out. */
  readonly wanted: readonly string[];
  readonly pool: CommandPool;
  readonly plan: AssignmentPlan | null;
}

/**
 * R18, R37: what assigning an add-on to these users decides, read in `tx`: every id must
 * be a user of the tenant (NOT_FOUND otherwise); users who hold it are not counted twice;
 * the pool's available licences go first (a user mapped to an Elite subscription takes a
 * seat's cover first) and the gap is bought (AUTO_PURCHASE) or refused (HARD_CAP,
 * LICENSE_LIMIT_REACHED). The command and its preview both decide with it.
 */
export async function decideBulkAssignment(
  tx: EntityManager,
  input: { tenantId: string; addOn: CatalogAddOn; userIds: readonly string[] },
  at: Date,
): Promise<BulkAssignmentDecision> {
  const { tenantId, addOn } = input;
  assertAssignable(addOn);
  const userIds = [...new Set(input.userIds)];
  if (userIds.length > BOUNDS.usersPerBulkAssignment) {
    throw new DomainError('BAD_USER_INPUT', `a bulk assignment names at most ${BOUNDS.usersPerBulkAssignment.toLocaleString('en-US')} users`);
  }
  const found = new Set<string>();
  for (let i = 0; i < userIds.length; i += CHUNK * 10) {
    const rows = await tx.find(User, { tenantId, id: { $in: userIds.slice(i, i + CHUNK * 10) } }, { fields: ['id'] });
    for (const row of rows) found.add(row.id);
  }
  const missing = userIds.find((id) => !found.has(id));
  if (missing) throw new DomainError('NOT_FOUND', `no user ${missing} in the tenant`);
  const holding = new Set<string>();
  for (let i = 0; i < userIds.length; i += CHUNK * 10) {
    const keys = userIds.slice(i, i + CHUNK * 10).map((id) => activeKeyOf(id, addOn.key));
    // A hold whose end has come by `at` is not holding (R36).
    for (const row of await tx.find(Assignment, { activeKey: { $in: keys }, ...heldAt(at) }, { fields: ['userId'] })) holding.add(row.userId);
  }
  const wanted = userIds.filter((id) => !holding.has(id));
  const pool = await readCommandPool(tx, tenantId, addOn, at);
  return { wanted, pool, plan: wanted.length === 0 ? null : planAssignment(pool.capacity, pool.holders, pool.classify(wanted), addOn.exhaustionPolicy) };
}

/**
 * R18: assigns an add-on to many users at once, as {@link decideBulkAssignment} decides
 * under the pool lock, all in one transaction: exactly the gap is bought (LicenseBought
 * to Invoicing, prorated there, R27) and the users are assigned; then the pool is kept
 * within its licences at every later instant (R36) and announced.
 */
export async function bulkAssignAddOn(
  em: EntityManager,
  input: { tenantId: string; addOn: CatalogAddOn; userIds: readonly string[]; actor: string },
  at: Date,
  now: Date,
): Promise<{ assigned: number; purchased: number; pool: PoolBalance }> {
  const { tenantId, addOn, actor } = input;
  assertAssignable(addOn);
  return em.transactional(async (tx) => {
    await lockPool(tx, tenantId, addOn.key);
    await releaseEndedHolds(tx, tenantId, addOn.key, at);
    const { wanted, pool, plan } = await decideBulkAssignment(tx, input, at);
    if (!plan) return { assigned: 0, purchased: 0, pool: pool.balance };
    if (plan.toBuy > 0) await buyLicences(tx, tenantId, addOn, plan.toBuy, at, actor);
    await tx.flush();
    for (let i = 0; i < wanted.length; i += CHUNK) {
      await tx.insertMany(
        Assignment,
        wanted.slice(i, i + CHUNK).map((userId) => ({
          id: newId('asg', at),
          tenantId,
          userId,
          addOnKey: addOn.key,
          assignedAt: at,
          unassignedAt: null,
          activeKey: activeKeyOf(userId, addOn.key),
          ending: null,
        })),
      );
    }
    recordAudit(
      tx,
      [{ tenantId, action: 'licence.bulk_assigned', entityType: 'AddOnPool', entityId: addOn.key, before: { pool: pool.balance }, after: { users: wanted.length, bought: plan.toBuy, pool: plan.after } }],
      actor,
      at,
    );
    // Many holders at once: the whole walk (R36).
    await settlePool(tx, { tenantId, addOn, at, now, actor, pool, change: 'bought' });
    return { assigned: wanted.length, purchased: plan.toBuy, pool: plan.after };
  });
}
