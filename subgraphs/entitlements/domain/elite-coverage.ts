/**
 * R24: under the CONCURRENT model an Elite plan's seats cover Quality Management and
 * Workforce Management for as many users as there are seats; every further user needs
 * an add-on licence. AI Expert Assist needs none. Under NAMED every Elite user has all
 * three. Which add-ons are seat-covered is the catalog's Elite rule of seeds/002.
 */
export const SEAT_COVERED_UNDER_CONCURRENT: readonly string[] = ['quality_management', 'workforce_management'];

export interface AddOnRequirement {
  readonly usersNeedingAccess: number;
  readonly coveredBySeats: number;
  /** usersNeedingAccess − coveredBySeats, not negative. */
  readonly required: number;
  readonly purchased: number;
  /** max(0, required − purchased). */
  readonly shortfall: number;
}

/** R24: 100 agents on 25 Elite concurrent seats need 75 licences; with 50 bought the shortfall is 25. */
export function addOnRequirement(usersNeedingAccess: number, seats: number, purchased: number): AddOnRequirement {
  const coveredBySeats = Math.min(usersNeedingAccess, seats);
  const required = usersNeedingAccess - coveredBySeats;
  return { usersNeedingAccess, coveredBySeats, required, purchased, shortfall: Math.max(0, required - purchased) };
}

/** R24: QM / WFM assignments under concurrent Elite are capped at seats + purchased add-on licences. */
export function seatCoveredCap(seats: number, purchased: number): number {
  return seats + purchased;
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
  if (!SEAT_COVERED_UNDER_CONCURRENT.includes(addOnKey)) return 0;
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
