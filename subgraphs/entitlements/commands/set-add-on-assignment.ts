import type { EntityManager } from '@mikro-orm/core';

import type { CatalogAddOn } from '../../kernel/catalog-model';
import { newId } from '../../kernel/ids';
import { assertAssignable, planAssignment, planUnassignment, type PoolBalance } from '../domain/pool';
import { Assignment } from '../entities/assignment.entity';
import type { UserRow } from '../entities/user.entity';
import { readPool } from '../pool-state';
import { buyLicences } from './buy-licences';
import { lockPool } from './lock-pool';
import { recordAudit } from '../../runtime/audit';

export const activeKeyOf = (userId: string, addOnKey: string) => `${userId}:${addOnKey}`;

/**
 * R16, R17, R21: switches a provisioned add-on on or off for one user, in one
 * transaction under the pool's lock. On: an available licence is taken; with none,
 * AUTO_PURCHASE buys one and assigns it, HARD_CAP refuses (LICENSE_LIMIT_REACHED, pool
 * unchanged). Off: the licence returns to the pool, nothing is refunded. Switching to
 * the state the user is already in changes nothing.
 */
export async function setAddOnAssignment(
  em: EntityManager,
  input: { user: UserRow; addOn: CatalogAddOn; enabled: boolean; actor: string },
  at: Date,
): Promise<{ purchased: number; pool: PoolBalance }> {
  const { user, addOn, enabled, actor } = input;
  assertAssignable(addOn);
  return em.transactional(async (tx) => {
    await lockPool(tx, user.tenantId, addOn.key);
    const active = await tx.findOne(Assignment, { activeKey: activeKeyOf(user.id, addOn.key) });
    const pool = (await readPool(tx, user.tenantId, addOn, at)).balance;
    if (enabled === (active !== null)) return { purchased: 0, pool };
    if (!enabled) {
      active!.unassignedAt = at;
      active!.activeKey = null;
      const after = planUnassignment(pool);
      recordAudit(tx, [{ tenantId: user.tenantId, action: 'licence.unassigned', entityType: 'Assignment', entityId: active!.id, before: { userId: user.id, addOnKey: addOn.key, pool }, after: { userId: user.id, addOnKey: addOn.key, pool: after } }], actor, at);
      return { purchased: 0, pool: after };
    }
    const plan = planAssignment(pool, 1, addOn.exhaustionPolicy);
    if (plan.toBuy > 0) await buyLicences(tx, user.tenantId, addOn, plan.toBuy, at, actor);
    const assignment = tx.create(Assignment, {
      id: newId('asg', at),
      tenantId: user.tenantId,
      userId: user.id,
      addOnKey: addOn.key,
      assignedAt: at,
      unassignedAt: null,
      activeKey: activeKeyOf(user.id, addOn.key),
    });
    tx.persist(assignment);
    recordAudit(
      tx,
      [{ tenantId: user.tenantId, action: 'licence.assigned', entityType: 'Assignment', entityId: assignment.id, before: { pool }, after: { userId: user.id, addOnKey: addOn.key, bought: plan.toBuy, pool: plan.after } }],
      actor,
      at,
    );
    return { purchased: plan.toBuy, pool: plan.after };
  });
}
