import type { EntityManager } from '@mikro-orm/core';

import type { CatalogAddOn } from '../../kernel/catalog-model';
import { BOUNDS } from '../../kernel/bounds';
import { DomainError } from '../../kernel/domain-error';
import { newId } from '../../kernel/ids';
import { assertAssignable, planAssignment, type AssignmentPlan, type PoolBalance } from '../domain/pool';
import { Assignment } from '../entities/assignment.entity';
import { User } from '../entities/user.entity';
import { readPool } from '../pool-state';
import { buyLicences } from './buy-licences';
import { lockPool } from './lock-pool';
import { activeKeyOf } from './set-add-on-assignment';
import { recordAudit } from '../../runtime/audit';

const CHUNK = 500;

export interface BulkAssignmentDecision {
  /** Users who would be newly assigned: duplicates and holders left out. */
  readonly wanted: readonly string[];
  readonly pool: PoolBalance;
  readonly plan: AssignmentPlan | null;
}

/**
 * R18: what assigning an add-on to these users decides, read in `tx`: every id must be a
 * user of the tenant (NOT_FOUND otherwise); users who hold it are not counted twice; the
 * pool's available licences go first and the gap is bought (AUTO_PURCHASE) or refused
 * (HARD_CAP, LICENSE_LIMIT_REACHED). The command and its preview both decide with it.
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
    for (const row of await tx.find(Assignment, { activeKey: { $in: keys } }, { fields: ['userId'] })) holding.add(row.userId);
  }
  const wanted = userIds.filter((id) => !holding.has(id));
  const pool = (await readPool(tx, tenantId, addOn, at)).balance;
  return { wanted, pool, plan: wanted.length === 0 ? null : planAssignment(pool, wanted.length, addOn.exhaustionPolicy) };
}

/**
 * R18: assigns an add-on to many users at once, as {@link decideBulkAssignment} decides
 * under the pool lock, all in one transaction: exactly the gap is bought (LicenseBought
 * to Invoicing, prorated there, R27) and the users are assigned.
 */
export async function bulkAssignAddOn(
  em: EntityManager,
  input: { tenantId: string; addOn: CatalogAddOn; userIds: readonly string[]; actor: string },
  at: Date,
): Promise<{ assigned: number; purchased: number; pool: PoolBalance }> {
  const { tenantId, addOn, actor } = input;
  assertAssignable(addOn);
  return em.transactional(async (tx) => {
    await lockPool(tx, tenantId, addOn.key);
    const { wanted, pool, plan } = await decideBulkAssignment(tx, input, at);
    if (!plan) return { assigned: 0, purchased: 0, pool };
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
        })),
      );
    }
    recordAudit(
      tx,
      [{ tenantId, action: 'licence.bulk_assigned', entityType: 'AddOnPool', entityId: addOn.key, before: { pool }, after: { users: wanted.length, bought: plan.toBuy, pool: plan.after } }],
      actor,
      at,
    );
    return { assigned: wanted.length, purchased: plan.toBuy, pool: plan.after };
  });
}
