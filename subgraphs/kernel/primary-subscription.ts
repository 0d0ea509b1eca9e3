import { termAt } from './subscription-terms';
import { compareSeniority, type SubscriptionFacts } from './subscription-facts';

/**
 * R6: the primary subscription at `at` is the oldest (earliest original start)
 * subscription active at `at`; null when none is. Ties: the earlier created. O(n).
 */
export function findPrimarySubscription<S extends SubscriptionFacts>(subscriptions: readonly S[], at: Date): S | null {
  let primary: S | null = null;
  for (const subscription of subscriptions) {
    if (!termAt(subscription.terms, at)) continue;
    if (primary === null || compareSeniority(subscription, primary) < 0) primary = subscription;
  }
  return primary;
}
