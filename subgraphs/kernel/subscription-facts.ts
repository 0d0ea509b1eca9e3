import type { SubscriptionTerm } from './subscription-terms';

/** A subscription as the rules see it: identity, first start and its terms in order. */
export interface SubscriptionFacts {
  readonly id: string;
  /** Start of the first term; renewal keeps it (R6). */
  readonly originalStartsAt: Date;
  readonly terms: readonly SubscriptionTerm[];
}

/**
 * The order of seniority between subscriptions: earlier original start first, then the
 * smaller id. Ids are time-ordered, so two subscriptions with the same start are ranked
 * by creation: a stable, documented tie-break for R6 and R7.
 */
export function compareSeniority(a: SubscriptionFacts, b: SubscriptionFacts): number {
  const byStart = a.originalStartsAt.getTime() - b.originalStartsAt.getTime();
  if (byStart !== 0) return byStart;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
