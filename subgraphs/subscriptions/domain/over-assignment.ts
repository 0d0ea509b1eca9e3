import { DomainError } from '../../kernel/domain-error';
import { licencesFromSubscriptions, seatsCoveringAddOn, type SeatCoverageSubscription, type SubscriptionLicences } from '../../kernel/pool-capacity';

/** Who holds a tenant's pool of an add-on now, and what it bought (Entitlements' announcement). */
export interface PoolHoldingFact {
  readonly addOnKey: string;
  readonly holders: number;
  readonly bought: number;
}

/** A pool a change leaves with fewer licences than holders. */
export interface Shortfall {
  readonly addOnKey: string;
  readonly licences: number;
  readonly holders: number;
  /** holders − licences: how many assignments must end. */
  readonly mustEnd: number;
}

/**
 * R36: the pools the tenant's subscriptions, as they will be after a change, leave with
 * fewer licences (the subscriptions' quantities, what was bought, and the Elite seats'
 * cover, R24) than holders at `at`, the instant the change takes effect.
 */
export function shortfallsAt(input: {
  readonly subscriptions: readonly (SubscriptionLicences & SeatCoverageSubscription)[];
  readonly includesAddOn: (planKey: string, addOnKey: string) => boolean;
  readonly holdings: readonly PoolHoldingFact[];
  readonly at: Date;
}): Shortfall[] {
  const shortfalls: Shortfall[] = [];
  for (const holding of input.holdings) {
    if (holding.holders === 0) continue;
    const licences =
      licencesFromSubscriptions(input.subscriptions, holding.addOnKey, input.at) +
      holding.bought +
      seatsCoveringAddOn(input.subscriptions, (planKey) => input.includesAddOn(planKey, holding.addOnKey), holding.addOnKey, input.at);
    if (licences < holding.holders) shortfalls.push({ addOnKey: holding.addOnKey, licences, holders: holding.holders, mustEnd: holding.holders - licences });
  }
  return shortfalls;
}

/** What a change that leaves fewer licences than assignments asks for (R36). */
export interface OverAssignmentRequest {
  /** REFUSE (the default): the change is refused; NEWEST_FIRST: the most recent assignments end when it takes effect. */
  readonly overAssignment: 'REFUSE' | 'NEWEST_FIRST';
  /** The users who lose each add-on's licence when it takes effect. */
  readonly releases: readonly { readonly addOnKey: string; readonly userIds: readonly string[] }[];
}

/**
 * R36: no silent over-assignment. A change that leaves a pool with fewer licences than
 * assignments is refused with LICENSE_LIMIT_REACHED, saying how many must end, unless it
 * names at least that many users who lose the licence or asks for NEWEST_FIRST.
 */
export function assertNoSilentOverAssignment(shortfalls: readonly Shortfall[], request: OverAssignmentRequest, change: string, at: Date): void {
  if (request.overAssignment === 'NEWEST_FIRST') return;
  for (const shortfall of shortfalls) {
    const named = new Set(request.releases.filter((r) => r.addOnKey === shortfall.addOnKey).flatMap((r) => r.userIds)).size;
    if (named >= shortfall.mustEnd) continue;
    const naming = named > 0 ? ` (${named} named)` : '';
    throw new DomainError(
      'LICENSE_LIMIT_REACHED',
      `${change} leaves ${shortfall.licences} licence(s) of ${shortfall.addOnKey} from ${at.toISOString()} for ${shortfall.holders} assignments: ${shortfall.mustEnd} must end${naming}. Name the users who lose it (releaseAssignments) or end the newest (overAssignment: NEWEST_FIRST).`,
      { addOnKey: shortfall.addOnKey, mustEnd: shortfall.mustEnd },
    );
  }
}
