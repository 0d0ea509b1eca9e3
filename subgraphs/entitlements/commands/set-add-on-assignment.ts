import type { EntityManager } from '@mikro-orm/core';

import type { CatalogAddOn } from '../../kernel/catalog-model';
import { newId } from '../../kernel/ids';
import { isSeatCovered } from '../../kernel/pool-capacity';
import { recordAudit } from '../../runtime/audit';
import { countRows } from '../../runtime/read-rows';
import { balanceOf, planAssignment } from '../domain/capacity';
import { assertAssignable, type PoolBalance } from '../domain/pool';
import { activeKeyOf, Assignment } from '../entities/assignment.entity';
import type { UserRow } from '../entities/user.entity';
import { capacityAt } from '../domain/pool-state';
import { buyLicences } from './buy-licences';
import { announcePool, heldAt, readCommandPool, releaseEndedHolds, type CommandPool } from './command-pool';
import { lockPool } from './lock-pool';
import { reconcilePool } from './reconcile-pool';

/**
 * R16, R17, R21, R37: switches a provisioned add-on on or off for one user, in one
 * transaction under the pool's lock. On: an available licence is taken (a user mapped to
 * an Elite subscription first takes a seat's cover, R37); with none, AUTO_PURCHASE buys
 * one and assigns it, HARD_CAP refuses (LICENSE_LIMIT_REACHED, pool unchanged). Off: the
 * licence returns to the pool, nothing is refunded. Switching to the state the user is
 * already in changes nothing. Either way the pool is kept within its licences at every
 * later instant (R36, {@link settlePool}) and announced.
 */
export async function setAddOnAssignment(
  em: EntityManager,
  input: { user: UserRow; addOn: CatalogAddOn; enabled: boolean; actor: string },
  at: Date,
  now: Date,
): Promise<{ purchased: number; pool: PoolBalance }> {
  const { user, addOn, enabled, actor } = input;
  assertAssignable(addOn);
  return em.transactional(async (tx) => {
    await lockPool(tx, user.tenantId, addOn.key);
    await releaseEndedHolds(tx, user.tenantId, addOn.key, at);
    const active = await tx.findOne(Assignment, { activeKey: activeKeyOf(user.id, addOn.key) });
    const pool = await readCommandPool(tx, user.tenantId, addOn, at);
    if (enabled === (active !== null)) return { purchased: 0, pool: pool.balance };
    if (!enabled) {
      const endedBefore = active!.unassignedAt ?? null;
      active!.unassignedAt = at;
      active!.ending = 'UNASSIGNED';
      active!.activeKey = null;
      const leaving = pool.classify([user.id]);
      const after = balanceOf(pool.capacity, { covered: pool.holders.covered - leaving.covered, others: pool.holders.others - leaving.others });
      recordAudit(tx, [{ tenantId: user.tenantId, action: 'licence.unassigned', entityType: 'Assignment', entityId: active!.id, before: { userId: user.id, addOnKey: addOn.key, pool: pool.balance }, after: { userId: user.id, addOnKey: addOn.key, pool: after } }], actor, at);
      await settlePool(tx, { tenantId: user.tenantId, addOn, at, now, actor, pool, change: 'freed', freedUntil: endedBefore });
      return { purchased: 0, pool: after };
    }
    const plan = planAssignment(pool.capacity, pool.holders, pool.classify([user.id]), addOn.exhaustionPolicy);
    if (plan.toBuy > 0) await buyLicences(tx, user.tenantId, addOn, plan.toBuy, at, actor);
    // One more holder of an unchanged pool: when the licences cannot hold it any more, it ends (R36).
    const end = plan.toBuy > 0 ? 'walk' : await endOfNewHolder(tx, { tenantId: user.tenantId, addOn, at, pool });
    const endsAt = end === 'walk' ? null : end;
    const assignment = tx.create(Assignment, {
      id: newId('asg', at),
      tenantId: user.tenantId,
      userId: user.id,
      addOnKey: addOn.key,
      assignedAt: at,
      unassignedAt: endsAt,
      activeKey: endsAt && endsAt.getTime() <= now.getTime() ? null : activeKeyOf(user.id, addOn.key),
      ending: endsAt ? 'LICENCES_ENDED' : null,
    });
    tx.persist(assignment);
    const after = { userId: user.id, addOnKey: addOn.key, bought: plan.toBuy, pool: plan.after, ...(endsAt ? { endsAt: endsAt.toISOString(), reason: 'the licences behind it end then (R36)' } : {}) };
    recordAudit(tx, [{ tenantId: user.tenantId, action: 'licence.assigned', entityType: 'Assignment', entityId: assignment.id, before: { pool: pool.balance }, after }], actor, at);
    if (end === 'walk') await settlePool(tx, { tenantId: user.tenantId, addOn, at, now, actor, pool, change: 'bought' });
    else await announcePool(tx, user.tenantId, addOn.key, now);
    return { purchased: plan.toBuy, pool: plan.after };
  });
}

/**
 * R36: when one more holder of a pool whose licences did not change ends: it is the
 * newest, so it is the one that ends at the first later instant (a term's start or end)
 * at which the licences cannot hold every holder; null when they always can. 'walk' when
 * that shortcut does not hold (an add-on Elite seats cover, or a holder assigned after it)
 * and the whole walk must decide.
 */
async function endOfNewHolder(tx: EntityManager, input: { tenantId: string; addOn: CatalogAddOn; at: Date; pool: CommandPool }): Promise<Date | null | 'walk'> {
  const { tenantId, addOn, at, pool } = input;
  if (isSeatCovered(addOn.key)) return 'walk';
  if ((await countRows(tx, Assignment, { tenantId, addOnKey: addOn.key, assignedAt: { $gt: at }, ...heldAt(at) })) > 0) return 'walk';
  const instants = [...new Set(pool.facts.subscriptions.flatMap((s) => s.terms.flatMap((t) => [t.startsAt.getTime(), t.endsAt.getTime()])))]
    .filter((t) => t > at.getTime())
    .sort((a, b) => a - b);
  for (const t of instants) {
    const instant = new Date(t);
    const holders = await countRows(tx, Assignment, { tenantId, addOnKey: addOn.key, assignedAt: { $lte: instant }, ...heldAt(instant) });
    if (holders + 1 > capacityAt(addOn, pool.facts, instant).licences) return instant;
  }
  return null;
}

/**
 * R36 after a change of one pool, in its transaction: the pool stays within its licences
 * at every later instant, then is announced (PoolHoldersChanged). A freed licence changes
 * only the instants its holder held it at, so the walk is needed only when the licences
 * forced an end there; a change of what the pool holds always walks.
 */
export async function settlePool(
  tx: EntityManager,
  input: {
    tenantId: string;
    addOn: CatalogAddOn;
    at: Date;
    now: Date;
    actor: string;
    pool: CommandPool;
    change: 'bought' | 'freed';
    /** Freed: the end the freed assignment had before (null: none). */
    freedUntil?: Date | null;
  },
): Promise<void> {
  const { tenantId, addOn, at, now, actor, change } = input;
  await tx.flush();
  // Ends forced where the freed holder held it (from the freeing, a backdated one may reach a passed end, to its old end).
  const endsWhereFreed = () =>
    countRows(tx, Assignment, {
      tenantId,
      addOnKey: addOn.key,
      ending: 'LICENCES_ENDED',
      unassignedAt: input.freedUntil ? { $gte: at, $lt: input.freedUntil } : { $gte: at },
    });
  const whole = change === 'bought' || isSeatCovered(addOn.key) || (await endsWhereFreed()) > 0;
  if (!whole || !(await reconcilePool(tx, { tenantId, addOn, from: at, now, actor }))) await announcePool(tx, tenantId, addOn.key, now);
}
