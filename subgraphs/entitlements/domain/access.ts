import type { AddOnType, FeatureAvailability } from '../../kernel/catalog-terms';
import { ADD_ON_TYPE_DEFINITIONS } from '../../kernel/add-on-types';

export type AccessReason =
  | 'INCLUDED_IN_PLAN'
  | 'LICENSE_ASSIGNED'
  | 'TRIAL'
  | 'ACCOUNT_LEVEL'
  | 'GRACE_PERIOD'
  | 'NOT_LICENSED'
  | 'NOT_IN_PLAN'
  | 'SUBSCRIPTION_INACTIVE'
  | 'USER_NOT_MAPPED';

export interface Access {
  readonly allowed: boolean;
  readonly reason: AccessReason;
}

/** Everything R25 weighs for one user, one key (feature or add-on) and one instant. */
export interface AccessFacts {
  /** R12: the subscription the user is mapped to at t; null when unmapped. */
  readonly mapped: { readonly active: boolean } | null;
  /** The cell of the mapped subscription's plan for the key; null when the plan does not know it. */
  readonly availability: FeatureAvailability | null;
  /** The add-on that sells the feature, if any. */
  readonly addOnType: AddOnType | null;
  /** R24: included in the plan, but under CONCURRENT covered for seat-holders only, so a licence is needed. */
  readonly seatCovered: boolean;
  /** The user holds an assigned licence at t. */
  readonly assigned: boolean;
  /** The tenant holds the add-on at t (licences bought, for account-level and other add-ons). */
  readonly tenantHolds: boolean;
  /** R19: a trial of the add-on runs at t. */
  readonly trial: boolean;
  /** R20: t is before the add-on's enforcement date. */
  readonly grace: boolean;
}

const allow = (reason: AccessReason): Access => ({ allowed: true, reason });
const deny = (reason: AccessReason): Access => ({ allowed: false, reason });

/**
 * R25: whether the user may use a feature or add-on at t, and why. In order:
 * unmapped (R12) → USER_NOT_MAPPED; mapped subscription not active (R12) →
 * SUBSCRIPTION_INACTIVE; the plan does not offer it → NOT_IN_PLAN; the plan includes it →
 * INCLUDED_IN_PLAN (except seat-covered add-ons under concurrent Elite, R24, which need
 * an assignment); an add-on: an assigned licence → LICENSE_ASSIGNED; an account-level
 * or other add-on the tenant holds → ACCOUNT_LEVEL (R2); a trial → TRIAL (R19); before
 * the enforcement date → GRACE_PERIOD (R20); otherwise NOT_LICENSED.
 */
export function decideAccess(facts: AccessFacts): Access {
  if (!facts.mapped) return deny('USER_NOT_MAPPED');
  if (!facts.mapped.active) return deny('SUBSCRIPTION_INACTIVE');
  if (facts.availability === null || facts.availability === 'UNAVAILABLE') return deny('NOT_IN_PLAN');
  if (facts.availability === 'INCLUDED' && !facts.seatCovered) return allow('INCLUDED_IN_PLAN');
  if (facts.assigned) return allow('LICENSE_ASSIGNED');
  const assignedPerUser = facts.addOnType !== null && ADD_ON_TYPE_DEFINITIONS[facts.addOnType].assignedPerUser;
  if (facts.availability === 'ADD_ON' && !assignedPerUser && facts.tenantHolds) return allow('ACCOUNT_LEVEL');
  if (facts.trial) return allow('TRIAL');
  if (facts.grace && assignedPerUser) return allow('GRACE_PERIOD');
  return deny('NOT_LICENSED');
}
