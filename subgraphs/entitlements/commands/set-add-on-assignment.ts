import type { EntityManager } from '@mikro-orm/core';

import type { CatalogAddOn } from '../../kernel/catalog-model';
import { newId } from '../../kernel/ids';
import { isSeatCovered } from '../../kernel/pool-capacity';
import { recordAudit } from '../../runtime/audit';
import { countRows } from '../../runtime/read-rows';
import { balanceOf, planAssignment } from '../domain/capacity';
import { assertAssignable, type PoolBalance } from '../domain/pool';
import { activeKeyOf, Assignment, type AssignmentRow } from '../entities/assignment.entity';
import type { UserRow } from '../entities/user.entity';
import { capacityAt } from '../pool-state';
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
      active!.unassignedAt = at;
      active!.ending = 'UNASSIGNED';
      active!.activeKey = null;
      const leaving = pool.classify([user.id]);
      const after = balanceOf(pool.capacity, { covered: pool.holders.covered - leaving.covered, others: pool.holders.others - leaving.others });
      recordAudit(tx, [{ tenantId: user.tenantId, action: 'licence.unassigned', entityType: 'Assignment', entityId: active!.id, before: { userId: user.id, addOnKey: addOn.key, pool: pool.balance }, after: { userId: user.id, addOnKey: addOn.key, pool: after } }], actor, at);
      await settlePool(tx, { tenantId: user.tenantId, addOn, at, now, actor, pool, change: 'freed' });
      return { purchased: 0, pool: after };
    }
    const plan = planAssignment(pool.capacity, pool.holders, pool.classify([user.id]), addOn.exhaustionPolicy);
    if (plan.toBuy > 0) await buyLicences(tx, user.tenantId, addOn, plan.toBuy, at, actor);
    const assignment = tx.create(Assignment, {
      id: newId('asg', at),
      tenantId: user.tenantId,
      userId: user.id,
      addOnKey: addOn.key,
      assignedAt: at,
      unassignedAt: null,
      activeKey: activeKeyOf(user.id, addOn.key),
      ending: null,
    });
    tx.persist(assignment);
    recordAudit(
      tx,
      [{ tenantId: user.tenantId, action: 'licence.assigned', entityType: 'Assignment', entityId: assignment.id, before: { pool: pool.balance }, after: { userId: user.id, addOnKey: addOn.key, bought: plan.toBuy, pool: plan.after } }],
      actor,
      at,
    );
    await settlePool(tx, { tenantId: user.tenantId, addOn, at, now, actor, pool, change: plan.toBuy > 0 ? 'bought' : 'added', added: assignment });
    return { purchased: plan.toBuy, pool: plan.after };
  });
}

/**
 * R36 after a change of one pool, in its transaction: the pool stays within its licences
 * at every later instant, then is announced (PoolHoldersChanged).
 *
 * The whole walk ({@link reconcilePool}) is needed when what the pool holds changed
 * (licences bought), for a seat-covered add-on (who takes cover depends on mappings), or
 * when a freed licence may cancel a scheduled end. One more holder of an unchanged pool
 * needs less: it is the newest, so it is the one that ends at the first later instant the
 * pool cannot hold it, found with a count per instant (a term's start or end). The same
 * holds as long as nobody holds an assignment dated after it.
 */
export async function settlePool(
  tx: EntityManager,
  input: { tenantId: string; addOn: CatalogAddOn; at: Date; now: Date; actor: string; pool: CommandPool; change: 'added' | 'bought' | 'freed'; added?: AssignmentRow },
): Promise<void> {
  const { tenantId, addOn, at, now, actor, pool, change } = input;
  await tx.flush();
  // Ends the freed licence may make unneeded: those after the freeing (a backdated one may reach a passed end).
  const scheduledEnds = () => countRows(tx, Assignment, { tenantId, addOnKey: addOn.key, ending: 'LICENCES_ENDED', unassignedAt: { $gt: at } });
  const later = () => countRows(tx, Assignment, { tenantId, addOnKey: addOn.key, assignedAt: { $gt: at }, ...heldAt(at) });
  const whole = change === 'bought' || isSeatCovered(addOn.key) || (change === 'freed' ? (await scheduledEnds()) > 0 : !input.added || (await later()) > 0);
  if (whole) {
    if (!(await reconcilePool(tx, { tenantId, addOn, from: at, now, actor }))) await announcePool(tx, tenantId, addOn.key, now);
    return;
  }
  if (change === 'added') {
    const added = input.added!;
    const instants = [...new Set(pool.facts.subscriptions.flatMap((s) => s.terms.flatMap((t) => [t.startsAt.getTime(), t.endsAt.getTime()])))].filter((t) => t > at.getTime()).sort((a, b) => a - b);
    for (const t of instants) {
      const instant = new Date(t);
      const holders = await countRows(tx, Assignment, { tenantId, addOnKey: addOn.key, assignedAt: { $lte: instant }, ...heldAt(instant) });
      if (holders <= capacityAt(addOn, pool.facts, instant).licences) continue;
      added.unassignedAt = instant;
      added.ending = 'LICENCES_ENDED';
      if (t <= now.getTime()) added.activeKey = null;
      recordAudit(tx, [{ tenantId, action: 'licence.ended', entityType: 'Assignment', entityId: added.id, after: { userId: added.userId, addOnKey: addOn.key, endsAt: instant.toISOString(), reason: 'the licences behind it end (R36)' } }], actor, instant);
      break;
    }
  }
  await announcePool(tx, tenantId, addOn.key, now);
}
