import type { CatalogAddOn, PlanSnapshot } from '../../kernel/catalog-model';
import { isSeatCovered, licencesFromSubscriptions, seatsCoveringAddOn } from '../../kernel/pool-capacity';
import { termAt } from '../../kernel/subscription-terms';
import type { ReplicatedSubscription } from '../../kernel/replicated-subscription';
import { balanceOf, type Capacity } from './capacity';
import { poolBalance, type PoolBalance } from './pool';
import { mappedSubscriptionAt, type MappingFact } from './user-mapping';
import { addOnTypeOf } from '../../kernel/add-on-types';

/** What a pool's capacity is made of (R15, R24): the tenant's subscriptions, their plans, what it bought. */
export interface PoolFacts {
  readonly subscriptions: readonly ReplicatedSubscription[];
  readonly plans: ReadonlyMap<string, PlanSnapshot>;
  /** Licences of the add-on bought on top (final, R31). */
  readonly purchases: readonly { readonly quantity: number; readonly at: Date }[];
}

export interface PoolState {
  readonly balance: PoolBalance;
  /** Licences included in subscriptions at t. */
  readonly fromSubscriptions: number;
  /** Licences bought on top, up to t (final, R31). */
  readonly bought: number;
  /** R24, R37: concurrent Elite seats covering the add-on at t, for users mapped to an Elite subscription only. */
  readonly seatCoverage: number;
}

/** R15, R24, R37: what the pool holds at t: licences (subscriptions' and bought) and the Elite seats' cover. */
export function capacityAt(addOn: Pick<CatalogAddOn, 'key'>, facts: PoolFacts, at: Date): Capacity {
  const t = at.getTime();
  const bought = facts.purchases.reduce((n, p) => (p.at.getTime() <= t ? n + p.quantity : n), 0);
  return {
    licences: licencesFromSubscriptions(facts.subscriptions, addOn.key, at) + bought,
    cover: seatsCoveringAddOn(facts.subscriptions, (planKey) => includesAddOn(facts.plans, planKey, addOn.key), addOn.key, at),
  };
}

function includesAddOn(plans: ReadonlyMap<string, PlanSnapshot>, planKey: string, addOnKey: string): boolean {
  return plans.get(planKey)?.features.some((cell) => cell.addOnKey === addOnKey && cell.availability === 'INCLUDED') ?? false;
}

/**
 * R15, R24, R2: a pool at t, with `assigned` the assignments active at t. purchased =
 * licences + Elite seat cover. An ACCOUNT_LEVEL add-on the tenant holds is held by every
 * user, so its pool is every user, assigned, none available.
 */
export function poolState(addOn: CatalogAddOn, facts: PoolFacts, counts: { readonly assigned: number; readonly users: number }, at: Date): PoolState {
  const fromSubscriptions = licencesFromSubscriptions(facts.subscriptions, addOn.key, at);
  const capacity = capacityAt(addOn, facts, at);
  const bought = capacity.licences - fromSubscriptions;
  if (addOnTypeOf(addOn).pool === 'EVERY_USER') {
    const held = capacity.licences > 0;
    return { balance: poolBalance(held ? counts.users : 0, held ? counts.users : 0), fromSubscriptions, bought, seatCoverage: capacity.cover };
  }
  return { balance: balanceOf(capacity, { covered: 0, others: counts.assigned }), fromSubscriptions, bought, seatCoverage: capacity.cover };
}

/**
 * R37: whether a user mapped as `mappings` say takes an Elite seat's cover of the add-on
 * at t: mapped then to a CONCURRENT subscription, active then, whose plan includes the
 * (seat-covered) add-on.
 */
export function takesCoverAt(addOn: Pick<CatalogAddOn, 'key'>, facts: PoolFacts, mappings: readonly MappingFact[], at: Date): boolean {
  if (!isSeatCovered(addOn.key)) return false;
  const subscriptionId = mappedSubscriptionAt(mappings, at);
  const subscription = subscriptionId ? facts.subscriptions.find((s) => s.subscriptionId === subscriptionId) : undefined;
  return (
    subscription !== undefined &&
    subscription.licensingModel === 'CONCURRENT' &&
    termAt(subscription.terms, at) !== null &&
    includesAddOn(facts.plans, subscription.planKey, addOn.key)
  );
}
