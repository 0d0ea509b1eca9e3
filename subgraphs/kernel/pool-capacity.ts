/** What a tenant's pool of an add-on holds (R15, R24): shared by Entitlements, which keeps pools, and Subscriptions, which checks changes against them (R36). */

/**
 * R24: under the CONCURRENT model an Elite plan's seats cover Quality Management and
 * Workforce Management for as many users as there are seats (AI Expert Assist needs no
 * licence at all). Which add-ons are seat-covered is the catalog's Elite rule of
 * seeds/002. Entitlements counts the cover (R24, R37); Invoicing sells licences beyond it
 * (R37: what a plan includes per seat is not already purchased).
 */
export const SEAT_COVERED_UNDER_CONCURRENT: readonly string[] = ['quality_management', 'workforce_management'];

export function isSeatCovered(addOnKey: string): boolean {
  return SEAT_COVERED_UNDER_CONCURRENT.includes(addOnKey);
}

/** What seat coverage needs of a subscription: its model, plan and agent seats over time. */
export interface SeatCoverageSubscription {
  readonly licensingModel: 'NAMED' | 'CONCURRENT';
  readonly planKey: string;
  readonly terms: readonly { readonly startsAt: Date; readonly endsAt: Date; readonly items: readonly { readonly usageType: string; readonly quantity: number }[] }[];
}

/**
 * R24: concurrent agent seats at t of the subscriptions whose plan includes the add-on
 * and covers it by seats: CONCURRENT subscriptions, INCLUDED cell, a seat-covered add-on.
 */
export function seatsCoveringAddOn(
  subscriptions: readonly SeatCoverageSubscription[],
  includesAddOn: (planKey: string) => boolean,
  addOnKey: string,
  at: Date,
): number {
  if (!isSeatCovered(addOnKey)) return 0;
  const t = at.getTime();
  let seats = 0;
  for (const subscription of subscriptions) {
    if (subscription.licensingModel !== 'CONCURRENT' || !includesAddOn(subscription.planKey)) continue;
    const term = subscription.terms.find((tm) => tm.startsAt.getTime() <= t && t < tm.endsAt.getTime());
    for (const item of term?.items ?? []) {
      if (item.usageType === 'AGENT_STANDARD' || item.usageType === 'AGENT_PREMIUM') seats += item.quantity;
    }
  }
  return seats;
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
