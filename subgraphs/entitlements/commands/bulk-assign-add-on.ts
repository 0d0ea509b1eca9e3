import type { EntityManager } from '@mikro-orm/core';

import type { CatalogAddOn } from '../../kernel/catalog-model';
import { DomainError } from '../../kernel/domain-error';
import { newId } from '../../kernel/ids';
import { assertAssignable, planAssignment, type PoolBalance } from '../domain/pool';
import { Assignment } from '../entities/assignment.entity';
import { User } from '../entities/user.entity';
import { readPool } from '../pool-state';
import { buyLicences } from './buy-licences';
import { lockPool } from './lock-pool';
import { activeKeyOf } from './set-add-on-assignment';

const CHUNK = 500;

/**
 * R18: assigns an add-on to many users at once: users who already hold it are not
 * counted twice, the pool's available licences are used, exactly the gap is bought
 * (AUTO_PURCHASE) or the whole call is refused (HARD_CAP), all in one transaction.
 * Every id must be a user of the tenant (NOT_FOUND otherwise, nothing written).
 */
export async function bulkAssignAddOn(
  em: EntityManager,
  input: { tenantId: string; addOn: CatalogAddOn; userIds: readonly string[]; actor: string },
  at: Date,
): Promise<{ assigned: number; purchased: number; pool: PoolBalance }> {
  const { tenantId, addOn, actor } = input;
  assertAssignable(addOn);
  const userIds = [...new Set(input.userIds)];
  return em.transactional(async (tx) => {
    const found = new Set<string>();
    for (let i = 0; i < userIds.length; i += CHUNK * 10) {
      const rows = await tx.find(User, { tenantId, id: { $in: userIds.slice(i, i + CHUNK * 10) } }, { fields: ['id'] });
      for (const row of rows) found.add(row.id);
    }
    const missing = userIds.find((id) => !found.has(id));
    if (missing) throw new DomainError('NOT_FOUND', `no user ${missing} in the tenant`);

    await lockPool(tx, tenantId, addOn.key);
    const holding = new Set<string>();
    for (let i = 0; i < userIds.length; i += CHUNK * 10) {
      const keys = userIds.slice(i, i + CHUNK * 10).map((id) => activeKeyOf(id, addOn.key));
      for (const row of await tx.find(Assignment, { activeKey: { $in: keys } }, { fields: ['userId'] })) holding.add(row.userId);
    }
    const wanted = userIds.filter((id) => !holding.has(id));
    const pool = (await readPool(tx, tenantId, addOn, at)).balance;
    if (wanted.length === 0) return { assigned: 0, purchased: 0, pool };
    const plan = planAssignment(pool, wanted.length, addOn.exhaustionPolicy);
    if (plan.toBuy > 0) buyLicences(tx, tenantId, addOn, plan.toBuy, at, actor);
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
    return { assigned: wanted.length, purchased: plan.toBuy, pool: plan.after };
  });
}
