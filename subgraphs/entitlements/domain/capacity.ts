import type { CatalogAddOn } from '../../kernel/catalog-model';
import { DomainError } from '../../kernel/domain-error';
import { poolBalance, type PoolBalance } from './pool';

/**
 * What a pool can hold at an instant (R15, R24, R37): `licences` any user may hold
 * (the subscriptions' quantities and what was bought), and `cover`, the concurrent
 * Elite seats, which only users mapped to a covering (Elite) subscription may take.
 */
export interface Capacity {
  readonly licences: number;
  readonly cover: number;
}

/** The holders of a pool at an instant: those mapped to a covering subscription, and the others. */
export interface HolderCounts {
  readonly covered: number;
  readonly others: number;
}

export const NO_HOLDERS: HolderCounts = { covered: 0, others: 0 };

/** R37: licences the holders need: every other holder one, covered holders one each beyond the cover. */
export function licencesNeeded(holders: HolderCounts, cover: number): number {
  return holders.others + Math.max(0, holders.covered - cover);
}

/** R36: the holders fit the capacity: no holder without a licence or a seat's cover. */
export function fits(holders: HolderCounts, capacity: Capacity): boolean {
  return licencesNeeded(holders, capacity.cover) <= capacity.licences;
}

/** The pool as it reads: purchased = licences + cover, assigned = every holder (R15). */
export function balanceOf(capacity: Capacity, holders: HolderCounts): PoolBalance {
  return poolBalance(capacity.licences + capacity.cover, holders.covered + holders.others, capacity.cover);
}

/** What assigning licences to more users does to a pool. */
export interface AssignmentPlan {
  /** Licences taken from what the pool has (a licence or a seat's cover). */
  readonly fromPool: number;
  /** Licences bought to fill the gap (R16, R18). */
  readonly toBuy: number;
  readonly after: PoolBalance;
}

/**
 * R16, R18, R21, R37: assigning to `wanted` users who do not hold the add-on yet takes
 * what the pool has (a covered user first takes a seat's cover) and buys exactly the gap
 * under AUTO_PURCHASE; under HARD_CAP a gap is refused with LICENSE_LIMIT_REACHED (revoke
 * one first), all or nothing. A user not mapped to a covering subscription never takes
 * a seat's cover (R37).
 *
 *   gap = needed(after) − max(licences, needed(before))
 */
export function planAssignment(capacity: Capacity, holders: HolderCounts, wanted: HolderCounts, policy: CatalogAddOn['exhaustionPolicy']): AssignmentPlan {
  const after = { covered: holders.covered + wanted.covered, others: holders.others + wanted.others };
  const count = wanted.covered + wanted.others;
  const toBuy = Math.max(0, licencesNeeded(after, capacity.cover) - Math.max(capacity.licences, licencesNeeded(holders, capacity.cover)));
  if (toBuy > 0 && policy === 'HARD_CAP') {
    const free = Math.max(0, capacity.licences - licencesNeeded(holders, capacity.cover));
    const coverFree = Math.max(0, capacity.cover - holders.covered);
    const offer = wanted.covered > 0 ? `${free} licence(s) and ${coverFree} seat cover(s)` : `${free} licence(s)`;
    throw new DomainError('LICENSE_LIMIT_REACHED', `${offer} available for ${count} user(s); revoke a licence or buy more first`);
  }
  return { fromPool: count - toBuy, toBuy, after: balanceOf({ licences: capacity.licences + toBuy, cover: capacity.cover }, after) };
}

/** A holder of a pool at an instant, for choosing which assignments end (R36). */
export interface Holder {
  readonly id: string;
  readonly assignedAt: Date;
  /** Mapped to a covering subscription at that instant (R37). */
  readonly covered: boolean;
}

const newestFirst = (a: Holder, b: Holder) => b.assignedAt.getTime() - a.assignedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * R36: the holders whose assignments end when the pool holds fewer licences than they
 * need: the most recent first, skipping a covered holder whose end frees nothing (the
 * cover still reaches every other covered holder), until the rest fit.
 */
export function holdersBeyondCapacity(holders: readonly Holder[], capacity: Capacity): string[] {
  let covered = holders.filter((h) => h.covered).length;
  let others = holders.length - covered;
  const ending: string[] = [];
  for (const holder of [...holders].sort(newestFirst)) {
    if (fits({ covered, others }, capacity)) break;
    if (holder.covered) {
      if (covered <= capacity.cover) continue;
      covered--;
    } else {
      others--;
    }
    ending.push(holder.id);
  }
  return ending;
}

/** An assignment over time, for {@link lapsesOverTime}. */
export interface HolderSpan {
  readonly id: string;
  readonly userId: string;
  readonly assignedAt: Date;
  /** An end that stands (freed, released, or a lapse already past); null while open or only scheduled to lapse. */
  readonly endsAt: Date | null;
}

/**
 * R36 over time: walking the instants at which the pool can change (`instants`: term
 * starts and ends, purchases, mappings; and every assignment's start) from the first on,
 * at each one the assignments beyond what the pool holds end there, newest first; an
 * ended one is gone from every later instant. Answers when each assignment that must end
 * does. Between two such instants what a pool holds and who holds it do not change, so
 * no instant in between is over.
 *
 * One sweep: holders enter in the order they started and leave at their standing ends,
 * counted as they go; who takes cover is worked out again only at `instants` (where a
 * mapping or a term can change it) and for each holder as it enters. Only an instant
 * that does not fit looks at holders one by one, from the newest.
 */
export function lapsesOverTime(input: {
  readonly holders: readonly HolderSpan[];
  readonly instants: readonly Date[];
  readonly capacityAt: (at: Date) => Capacity;
  readonly coveredAt: (userId: string, at: Date) => boolean;
  /** False when nobody can take cover (an add-on seats do not cover): classification is skipped. */
  readonly coverMatters?: boolean;
}): Map<string, Date> {
  const lapses = new Map<string, Date>();
  const reclassifyAt = new Set(input.instants.map((d) => d.getTime()));
  if (reclassifyAt.size === 0) return lapses;
  const first = Math.min(...reclassifyAt);
  const byStart = [...input.holders].sort((a, b) => a.assignedAt.getTime() - b.assignedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byEnd = byStart.filter((h) => h.endsAt !== null).sort((a, b) => a.endsAt!.getTime() - b.endsAt!.getTime());
  const points = [...new Set([...reclassifyAt, ...byStart.map((h) => h.assignedAt.getTime()).filter((t) => t > first)])].sort((a, b) => a - b);
  const coverMatters = input.coverMatters ?? true;
  const pool = new HeldPool(coverMatters ? input.coveredAt : () => false);
  let nextStart = 0;
  let nextEnd = 0;
  for (const t of points) {
    const at = new Date(t);
    while (nextStart < byStart.length && byStart[nextStart]!.assignedAt.getTime() <= t) pool.enter(byStart[nextStart++]!, at);
    while (nextEnd < byEnd.length && byEnd[nextEnd]!.endsAt!.getTime() <= t) pool.leave(byEnd[nextEnd++]!);
    if (coverMatters && reclassifyAt.has(t)) pool.reclassify(at);
    for (const holder of pool.evictBeyond(input.capacityAt(at))) lapses.set(holder.id, at);
  }
  return lapses;
}

/** The holders of a pool at one instant of {@link lapsesOverTime}'s walk, counted as they come and go. */
class HeldPool {
  private readonly active: HolderSpan[] = [];
  private readonly gone = new Set<string>();
  private readonly covered = new Map<string, boolean>();
  private counts: HolderCounts = { covered: 0, others: 0 };

  constructor(private readonly coveredAt: (userId: string, at: Date) => boolean) {}

  /** A holder whose assignment starts at or before `at`: held from then on, unless its standing end is already past. */
  enter(holder: HolderSpan, at: Date): void {
    if (holder.endsAt !== null && holder.endsAt.getTime() <= at.getTime()) {
      this.gone.add(holder.id);
      return;
    }
    this.covered.set(holder.id, this.coveredAt(holder.userId, at));
    this.active.push(holder);
    this.count(holder, 1);
  }

  /** A holder whose standing end has come (if it entered and has not lapsed before). */
  leave(holder: HolderSpan): void {
    if (this.gone.has(holder.id) || !this.covered.has(holder.id)) return;
    this.gone.add(holder.id);
    this.count(holder, -1);
  }

  /** Who takes cover, worked out again at an instant where a mapping or a term can change it. */
  reclassify(at: Date): void {
    this.counts = { covered: 0, others: 0 };
    for (const holder of this.active) {
      if (this.gone.has(holder.id)) continue;
      this.covered.set(holder.id, this.coveredAt(holder.userId, at));
      this.count(holder, 1);
    }
  }

  /** R36: the holders beyond what the pool holds, newest first, gone from now on (a covered one only while cover is short). */
  evictBeyond(capacity: Capacity): HolderSpan[] {
    const evicted: HolderSpan[] = [];
    for (let i = this.active.length - 1; i >= 0 && !fits(this.counts, capacity); i--) {
      const holder = this.active[i]!;
      if (this.gone.has(holder.id)) continue;
      if (this.covered.get(holder.id) && this.counts.covered <= capacity.cover) continue;
      this.gone.add(holder.id);
      this.count(holder, -1);
      evicted.push(holder);
    }
    return evicted;
  }

  private count(holder: HolderSpan, delta: 1 | -1): void {
    if (this.covered.get(holder.id)) this.counts = { ...this.counts, covered: this.counts.covered + delta };
    else this.counts = { ...this.counts, others: this.counts.others + delta };
  }
}
