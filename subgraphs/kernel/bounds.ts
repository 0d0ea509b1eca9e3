import { DomainError } from './domain-error';
import { USAGE_TYPE_DEFINITIONS, type UsageType } from './usage-types';

/**
 * R39: every quantity a client sends has an upper bound, refused beyond it
 * (BAD_USER_INPUT), chosen so that nothing accepted inputs add up to can make a later
 * read fail:
 *
 * - counts answered as GraphQL `Int` stay under 2^31 − 1: a pool's licences are at most a
 *   tenant's subscription licences (1,000,000) plus what it bought (one purchase of
 *   100,000 and one licence per assignment, at most 1,000,000 users) plus Elite seats
 *   (1,000,000); an invoice line is one month's usage at most (2,000,000,000);
 * - sums over any period or across tenants (a tenant's overage over [from, to), analytics)
 *   are `SafeInt`, and so is every amount of money: the largest invoice these bounds allow
 *   is under half of 2^53 − 1 minor units (`bounds.test.ts` builds it).
 *
 * The README's table "Bounds" lists them; change both together.
 */
export const BOUNDS = {
  /** A catalog price (a plan's seat price, an add-on's unit price), minor units per unit per month. */
  unitPriceMinor: 1_000_000,
  /** Add-ons in the catalog. */
  catalogAddOns: 100,
  /** Subscriptions of one tenant. */
  subscriptionsPerTenant: 200,
  /** Seats or ports of a seat-like usage type (agents, IVR) in one subscription item. */
  seatsPerItem: 100_000,
  /** Seats or ports of a seat-like usage type over all of a tenant's subscriptions (each at its largest term). */
  seatsPerTenant: 1_000_000,
  /** Included units of a metered usage type (AI interactions, minutes, messages) per cycle in one subscription item. */
  meteredUnitsPerItem: 1_000_000_000,
  /** Licences of an add-on in one subscription, or in one purchase or quote. */
  licencesPerItem: 100_000,
  /** Licences of an add-on over all of a tenant's subscriptions (each at its largest term). */
  licencesPerTenant: 1_000_000,
  /** Users of one tenant. */
  usersPerTenant: 1_000_000,
  /** Users in one bulk assignment. */
  usersPerBulkAssignment: 10_000,
  /** A seat-like reading: the level in use. */
  levelPerReading: 1_000_000,
  /** A metered reading: the increment. */
  incrementPerReading: 1_000_000_000,
  /** A tenant's metered usage of one type within one calendar month (UTC): a month's usage line stays an `Int`. */
  meteredUnitsPerMonth: 2_000_000_000,
} as const;

/** BAD_USER_INPUT unless `value` is a whole number from `min` to `max`; the message names what and the bound. */
export function assertWithin(value: number, max: number, what: string, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new DomainError('BAD_USER_INPUT', `${what} must be a whole number from ${min} to ${max.toLocaleString('en-US')}`);
  }
}

/** The bound of a subscription item's quantity: seats for seat-like types, included units per cycle for metered ones. */
export function itemBound(usageType: UsageType): number {
  return USAGE_TYPE_DEFINITIONS[usageType].aggregation === 'PEAK' ? BOUNDS.seatsPerItem : BOUNDS.meteredUnitsPerItem;
}

/** The bound of one usage reading: a level for seat-like types, an increment for metered ones. */
export function readingBound(usageType: UsageType): number {
  return USAGE_TYPE_DEFINITIONS[usageType].aggregation === 'PEAK' ? BOUNDS.levelPerReading : BOUNDS.incrementPerReading;
}
