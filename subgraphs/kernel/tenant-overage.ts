import type { UsageType } from './usage-types';
import { pickResponsibleSubscription } from './responsible-subscription';
import type { SubscriptionFacts } from './subscription-facts';

export interface TenantOverage<S> {
  readonly usageType: UsageType;
  readonly entitled: number;
  readonly used: number;
  readonly overage: number;
  readonly chargedTo: S | null;
  /** The instant `chargedTo` was picked at: the last instant of the period at which a subscription is active. */
  readonly chargedAt: Date | null;
}

/**
 * R9: overage of a usage type over [from, to) is computed over the whole tenant.
 *
 *   entitled = Σ over subscriptions of the quantity of the type in their terms that
 *              overlap the period (a subscription renewed mid-period counts once, with
 *              the larger of its quantities; licences are not prorated)
 *   overage  = max(0, used − entitled)
 *
 * `used` is aggregated by the caller as the catalog says (PEAK for seat-like types, SUM
 * for metered ones). The overage is charged to the responsible (R7) or primary (R8)
 * subscription at the last instant of the period at which one is active.
 */
export function computeTenantOverage<S extends SubscriptionFacts>(input: {
  readonly usageType: UsageType;
  readonly subscriptions: readonly S[];
  readonly from: Date;
  readonly to: Date;
  readonly used: number;
}): TenantOverage<S> {
  const { usageType, subscriptions, from, to, used } = input;
  const start = from.getTime();
  const end = to.getTime();
  let entitled = 0;
  let lastActive = -Infinity;
  for (const subscription of subscriptions) {
    let quantity = 0;
    for (const term of subscription.terms) {
      if (term.endsAt.getTime() <= start || term.startsAt.getTime() >= end) continue;
      lastActive = Math.max(lastActive, Math.min(term.endsAt.getTime(), end) - 1);
      const item = term.items.find((i) => i.usageType === usageType);
      if (item) quantity = Math.max(quantity, item.quantity);
    }
    entitled += quantity;
  }
  const chargedAt = lastActive === -Infinity ? null : new Date(lastActive);
  const chargedTo = chargedAt === null ? null : pickResponsibleSubscription(subscriptions, usageType, chargedAt);
  return { usageType, entitled, used, overage: Math.max(0, used - entitled), chargedTo, chargedAt };
}
