export { SEAT_COVERED_UNDER_CONCURRENT } from '../../kernel/pool-capacity';

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
