import { termAt } from './subscription-terms';
import { USAGE_TYPE_DEFINITIONS, type UsageType } from './usage-types';
import { findPrimarySubscription } from './primary-subscription';
import { compareSeniority, type SubscriptionFacts } from './subscription-facts';

/**
 * R7, R8: the subscription charged for a usage type's overage at `at`.
 *
 * - AI_AGENT, AI_ASSISTANT, IVR_OUTBOUND_CAMPAIGN (R7): among the subscriptions active
 *   at `at` whose active term includes the type, the one that has included it longest:
 *   the earliest `since` (renewal keeps it; a type dropped by a renewal and added back
 *   later starts a new `since`). Equal `since`: the senior subscription (R6 order).
 * - AGENT_STANDARD, AGENT_PREMIUM, IVR, WEBEX_CONNECT (R8): the primary subscription.
 *
 * Null when no subscription qualifies. O(n) in subscriptions (binary search per term list).
 */
export function pickResponsibleSubscription<S extends SubscriptionFacts>(
  subscriptions: readonly S[],
  usageType: UsageType,
  at: Date,
): S | null {
  if (USAGE_TYPE_DEFINITIONS[usageType].responsibility === 'PRIMARY') return findPrimarySubscription(subscriptions, at);
  let best: S | null = null;
  let bestSince = Infinity;
  for (const subscription of subscriptions) {
    const term = termAt(subscription.terms, at);
    const item = term?.items.find((i) => i.usageType === usageType);
    if (!item) continue;
    const since = item.since.getTime();
    if (best === null || since < bestSince || (since === bestSince && compareSeniority(subscription, best) < 0)) {
      best = subscription;
      bestSince = since;
    }
  }
  return best;
}
