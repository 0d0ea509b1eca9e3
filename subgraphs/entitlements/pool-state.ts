import type { EntityManager } from '@mikro-orm/core';

import type { CatalogAddOn, PlanSnapshot } from '../kernel/catalog-model';
import { CatalogReplica } from '../runtime/catalog-replica';
import { countRows, readRows } from '../runtime/read-rows';
import { fromSnapshot, SubscriptionReplica, type ReplicatedSubscription } from '../runtime/subscription-replica';
import type { SubscriptionSnapshot } from '../kernel/integration-events';
import { seatsCoveringAddOn } from './domain/elite-coverage';
import { licencesFromSubscriptions, poolBalance, type PoolBalance } from './domain/pool';
import { Assignment } from './entities/assignment.entity';
import { PoolPurchase } from './entities/pool-purchase.entity';
import { User } from './entities/user.entity';

/** What a pool is made of at an instant (R15, R24). */
export interface PoolFacts {
  readonly subscriptions: readonly ReplicatedSubscription[];
  readonly plans: ReadonlyMap<string, PlanSnapshot>;
  readonly purchases: readonly { readonly quantity: number; readonly at: Date }[];
  /** Assignments of the add-on active at t. */
  readonly assigned: number;
  /** Users of the tenant at t (account-level add-ons are held by all of them). */
  readonly users: number;
}

export interface PoolState {
  readonly balance: PoolBalance;
  /** Licences included in subscriptions at t. */
  readonly fromSubscriptions: number;
  /** Licences bought on top, up to t (final, R31). */
  readonly bought: number;
  /** R24: concurrent Elite seats covering the add-on at t. */
  readonly seatCoverage: number;
}

/**
 * R15, R24, R2: a pool at t. purchased = subscriptions' quantities + bought + concurrent
 * Elite seat coverage; assigned = active assignments. An ACCOUNT_LEVEL add-on the tenant
 * holds is held by every user, so its pool is every user, assigned, none available.
 */
export function poolState(addOn: CatalogAddOn, facts: PoolFacts, at: Date): PoolState {
  const fromSubscriptions = licencesFromSubscriptions(facts.subscriptions, addOn.key, at);
  const bought = facts.purchases.filter((p) => p.at.getTime() <= at.getTime()).reduce((n, p) => n + p.quantity, 0);
  const includes = (planKey: string) =>
    facts.plans.get(planKey)?.features.some((cell) => cell.addOnKey === addOn.key && cell.availability === 'INCLUDED') ?? false;
  const seatCoverage = seatsCoveringAddOn(facts.subscriptions, includes, addOn.key, at);
  if (addOn.type === 'ACCOUNT_LEVEL') {
    const held = fromSubscriptions + bought > 0;
    return { balance: poolBalance(held ? facts.users : 0, held ? facts.users : 0), fromSubscriptions, bought, seatCoverage };
  }
  return { balance: poolBalance(fromSubscriptions + bought + seatCoverage, facts.assigned), fromSubscriptions, bought, seatCoverage };
}

/**
 * The pool a command decides on, inside its transaction after the pool lock: every
 * assignment active now and every licence bought so far, whatever instant they carry.
 * Requests read their clock before they wait for the lock, so a later request can hold
 * the lock first with a later instant; counting by instant would let the waiting one
 * miss it and hand out the same licence twice. Subscription licences are those at `at`.
 */
export async function readPool(tx: EntityManager, tenantId: string, addOn: CatalogAddOn, at: Date): Promise<PoolState> {
  const [subscriptionRows, purchaseRows, assigned, users] = await Promise.all([
    readRows(tx, SubscriptionReplica, { tenantId }),
    readRows(tx, PoolPurchase, { tenantId, addOnKey: addOn.key }),
    countRows(tx, Assignment, { tenantId, addOnKey: addOn.key, unassignedAt: null }),
    addOn.type === 'ACCOUNT_LEVEL' ? countRows(tx, User, { tenantId }) : Promise.resolve(0),
  ]);
  const subscriptions = subscriptionRows.map((row) => fromSnapshot(JSON.parse(row.document) as SubscriptionSnapshot));
  const planRows = await readRows(tx, CatalogReplica, { kind: 'PLAN', key: [...new Set(subscriptions.map((s) => s.planKey))] });
  const plans = new Map(planRows.map((row) => [row.key, JSON.parse(row.document) as PlanSnapshot]));
  // Every purchase counts, however late its instant (see above).
  const purchases = purchaseRows.map((p) => ({ quantity: p.quantity, at: new Date(Math.min(p.at.getTime(), at.getTime())) }));
  return poolState(addOn, { subscriptions, plans, purchases, assigned, users }, at);
}
