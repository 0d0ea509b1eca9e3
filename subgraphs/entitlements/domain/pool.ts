import type { CatalogAddOn } from '../../kernel/catalog-model';
import { DomainError } from '../../kernel/domain-error';

/** R15: a tenant's balance of one provisioned add-on. */
export interface PoolBalance {
  readonly purchased: number;
  readonly assigned: number;
  /** purchased − assigned, never negative (licences that lapsed with a subscription leave assignments above it). */
  readonly available: number;
}

export function poolBalance(purchased: number, assigned: number): PoolBalance {
  return { purchased, assigned, available: Math.max(0, purchased - assigned) };
}

/**
 * R2, R3: only PROVISIONED, PER_SEAT add-ons are assigned to users. ACCOUNT_WIDE ones
 * are one licence for the account, ACCOUNT_LEVEL ones every user holds, OTHER ones are
 * not licence-gated: assigning any of them is NOT_ASSIGNABLE.
 */
export function assertAssignable(addOn: Pick<CatalogAddOn, 'key' | 'type' | 'seatModel'>): void {
  if (addOn.seatModel === 'ACCOUNT_WIDE') {
    throw new DomainError('NOT_ASSIGNABLE', `${addOn.key} is one licence for the whole account; it is not assigned to users`);
  }
  if (addOn.type !== 'PROVISIONED') {
    throw new DomainError(
      'NOT_ASSIGNABLE',
      addOn.type === 'ACCOUNT_LEVEL'
        ? `every user of the account holds ${addOn.key}; it is not assigned`
        : `${addOn.key} is not licence-gated; it is not assigned`,
    );
  }
}

/** What assigning licences to `wanted` more users does to a pool. */
export interface AssignmentPlan {
  /** Licences taken from what is available. */
  readonly fromPool: number;
  /** Licences bought to fill the gap (R16, R18). */
  readonly toBuy: number;
  readonly after: PoolBalance;
}

/**
 * R16, R18, R21: assigning to `wanted` users who do not hold the add-on yet takes what
 * the pool has and buys exactly the gap, under AUTO_PURCHASE; under HARD_CAP a gap is
 * refused with LICENSE_LIMIT_REACHED (revoke one first), all or nothing.
 *
 *   fromPool = min(wanted, available);  toBuy = wanted − fromPool
 */
export function planAssignment(pool: PoolBalance, wanted: number, policy: CatalogAddOn['exhaustionPolicy']): AssignmentPlan {
  const fromPool = Math.min(wanted, pool.available);
  const toBuy = wanted - fromPool;
  if (toBuy > 0 && policy === 'HARD_CAP') {
    throw new DomainError(
      'LICENSE_LIMIT_REACHED',
      `${pool.available} licence(s) available for ${wanted} user(s); revoke a licence or buy more first`,
    );
  }
  return { fromPool, toBuy, after: poolBalance(pool.purchased + toBuy, pool.assigned + wanted) };
}

/** R17: unassigning frees the licence back to the pool; nothing is refunded (purchased stays). */
export function planUnassignment(pool: PoolBalance): PoolBalance {
  return poolBalance(pool.purchased, Math.max(0, pool.assigned - 1));
}

/** A subscription as pools see it: its terms' add-on quantities over time. */
export interface SubscriptionLicences {
  readonly terms: readonly { readonly startsAt: Date; readonly endsAt: Date; readonly addOns: readonly { readonly addOnKey: string; readonly quantity: number }[] }[];
}

/**
 * R15: licences of an add-on that the tenant's subscriptions include at t (their active
 * terms' add-on quantities). Licences bought on top are added by the caller.
 */
export function licencesFromSubscriptions(subscriptions: readonly SubscriptionLicences[], addOnKey: string, at: Date): number {
  const t = at.getTime();
  let total = 0;
  for (const subscription of subscriptions) {
    for (const term of subscription.terms) {
      if (term.startsAt.getTime() <= t && t < term.endsAt.getTime()) {
        total += term.addOns.find((a) => a.addOnKey === addOnKey)?.quantity ?? 0;
      }
    }
  }
  return total;
}
