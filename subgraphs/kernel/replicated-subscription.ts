import type { SubscriptionSnapshot } from './integration-events';
import type { SubscriptionTerm } from './subscription-terms';

/** A replicated subscription with its terms as instants. */
export interface ReplicatedSubscription extends Omit<SubscriptionSnapshot, 'terms' | 'originalStartsAt'> {
  readonly originalStartsAt: Date;
  readonly terms: readonly SubscriptionTerm[];
}

export function fromSnapshot(snapshot: SubscriptionSnapshot): ReplicatedSubscription {
  return {
    ...snapshot,
    originalStartsAt: new Date(snapshot.originalStartsAt),
    terms: snapshot.terms.map((term) => ({
      startsAt: new Date(term.startsAt),
      endsAt: new Date(term.endsAt),
      items: term.items.map((item) => ({ ...item, since: new Date(item.since) })),
      addOns: term.addOns,
    })),
  };
}
