import { DomainError } from '../../kernel/domain-error';
import { licencesFromSubscriptions, seatsCoveringAddOn, type SeatCoverageSubscription, type SubscriptionLicences } from '../../kernel/pool-capacity';

/** Who holds a tenant's pool of an add-on now, how many take an Elite seat's cover, what it bought (Entitlements' announcement). */
export interface PoolHoldingFact {
  readonly addOnKey: string;
  readonly holders: number;
  readonly covered: number;
  readonly bought: number;
}

/** A pool a change leaves with fewer licences than its holders need. */
export interface Shortfall {
  readonly addOnKey: string;
  readonly licences: number;
  readonly holders: number;
  /** How many assignments must end because of the change. */
  readonly mustEnd: number;
}

type Subscriptions = readonly (SubscriptionLicences & SeatCoverageSubscription)[];

/**
 * R36, R37: the pools a change leaves short of licences at `at`, the instant it takes
 * effect. What the change causes is what its holders would lack with the change beyond
 * what they would lack with the subscription going on as it is (`baseline`): ends that
 * another subscription's term causes are not this change's. A holder mapped to an Elite
 * subscription takes a seat's cover first (R37): needed = others + max(0, covered − cover).
 */
export function shortfallsAt(input: {
  readonly subscriptions: Subscriptions;
  readonly baseline: Subscriptions;
  readonly includesAddOn: (planKey: string, addOnKey: string) => boolean;
  readonly holdings: readonly PoolHoldingFact[];
  readonly at: Date;
}): Shortfall[] {
  const shortfalls: Shortfall[] = [];
  for (const holding of input.holdings) {
    if (holding.holders === 0) continue;
    const lacking = (subscriptions: Subscriptions) => {
      const licences = licencesFromSubscriptions(subscriptions, holding.addOnKey, input.at) + holding.bought;
      const cover = seatsCoveringAddOn(subscriptions, (planKey) => input.includesAddOn(planKey, holding.addOnKey), holding.addOnKey, input.at);
      const needed = holding.holders - holding.covered + Math.max(0, holding.covered - cover);
      return { licences: licences + cover, lacking: Math.max(0, needed - licences) };
    };
    const after = lacking(input.subscriptions);
    const mustEnd = after.lacking - lacking(input.baseline).lacking;
    if (mustEnd > 0) shortfalls.push({ addOnKey: holding.addOnKey, licences: after.licences, holders: holding.holders, mustEnd });
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
