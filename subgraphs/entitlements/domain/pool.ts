import type { CatalogAddOn } from '../../kernel/catalog-model';
import { DomainError } from '../../kernel/domain-error';
import { addOnTypeOf } from '../../kernel/add-on-types';

/** R15: a tenant's balance of one provisioned add-on. */
export interface PoolBalance {
  readonly purchased: number;
  readonly assigned: number;
  /** purchased − assigned, never negative (R36: assignments beyond the licences end, so it never hides a shortfall). */
  readonly available: number;
  /** R24, R37: of `purchased`, the concurrent Elite seats' cover, which only users mapped to an Elite subscription take. */
  readonly seatCover: number;
}

export function poolBalance(purchased: number, assigned: number, seatCover = 0): PoolBalance {
  return { purchased, assigned, available: Math.max(0, purchased - assigned), seatCover };
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
  const { notAssignedBecause } = addOnTypeOf(addOn);
  if (notAssignedBecause) throw new DomainError('NOT_ASSIGNABLE', notAssignedBecause(addOn.key));
}

/** R17: unassigning frees the licence back to the pool; nothing is refunded (purchased stays). */
export function planUnassignment(pool: PoolBalance): PoolBalance {
  return poolBalance(pool.purchased, Math.max(0, pool.assigned - 1), pool.seatCover);
}
