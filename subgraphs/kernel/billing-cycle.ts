import type { Interval } from './instant';
import type { TermWindow } from './subscription-terms';

export const BILLING_INTERVALS = ['MONTHLY', 'ANNUAL'] as const;
export type BillingInterval = (typeof BILLING_INTERVALS)[number];

/** Catalog prices are per month; a cycle of an interval costs this many months. */
export const MONTHS_PER_CYCLE: Readonly<Record<BillingInterval, number>> = { MONTHLY: 1, ANNUAL: 12 };

/**
 * `anchor` plus `months` calendar months in UTC, keeping the time of day; a day the
 * target month lacks is clamped to its last day (Jan 31 + 1 month = Feb 28 or 29).
 * Always counted from the anchor, so Jan 31 + 2 months is Mar 31, not Mar 28.
 */
export function addMonthsClamped(anchor: Date, months: number): Date {
  const year = anchor.getUTCFullYear();
  const month = anchor.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(anchor.getUTCDate(), lastDay);
  return new Date(
    Date.UTC(year, month, day, anchor.getUTCHours(), anchor.getUTCMinutes(), anchor.getUTCSeconds(), anchor.getUTCMilliseconds()),
  );
}

/**
 * A billing cycle: [start, end), and where it would end had the term not ended first.
 * A cycle cut short by its term's end costs its share of a full one: (end − start) /
 * (fullEnd − start), the same share a purchase inside it is prorated against (R27).
 */
export interface BillingCycle extends Interval {
  readonly fullEnd: Date;
}

function cycleK(term: TermWindow, step: number, k: number): BillingCycle {
  const start = addMonthsClamped(term.startsAt, k * step);
  const fullEnd = addMonthsClamped(term.startsAt, (k + 1) * step);
  return { start, end: fullEnd.getTime() < term.endsAt.getTime() ? fullEnd : term.endsAt, fullEnd };
}

/**
 * The billing cycles of one term: from its start, one interval after another, the last
 * cut at the term's end. A renewal is a new term, so its cycles start at the renewal.
 */
export function cyclesOfTerm(term: TermWindow, interval: BillingInterval): BillingCycle[] {
  const step = MONTHS_PER_CYCLE[interval];
  const cycles: BillingCycle[] = [];
  for (let k = 0; ; k++) {
    const cycle = cycleK(term, step, k);
    if (cycle.start.getTime() >= term.endsAt.getTime()) return cycles;
    cycles.push(cycle);
  }
}

/** The cycle in force at `at` (start <= at < end), or null outside every term. */
export function cycleAt(terms: readonly TermWindow[], interval: BillingInterval, at: Date): BillingCycle | null {
  const t = at.getTime();
  const term = terms.find((x) => x.startsAt.getTime() <= t && t < x.endsAt.getTime());
  if (!term) return null;
  const step = MONTHS_PER_CYCLE[interval];
  // Jump close to the answer instead of walking every cycle of a long term.
  const approxMonths = Math.max(0, Math.floor((t - term.startsAt.getTime()) / (31 * 86_400_000)));
  for (let k = Math.floor(approxMonths / step); ; k++) {
    const cycle = cycleK(term, step, k);
    if (t < cycle.fullEnd.getTime()) return cycle;
    if (cycle.start.getTime() > t) return null;
  }
}

/** The first cycle of the first term that starts after `at`, or null. */
export function nextCycleAfter(terms: readonly TermWindow[], interval: BillingInterval, at: Date): BillingCycle | null {
  const term = terms.find((x) => x.startsAt.getTime() > at.getTime());
  return term ? cycleK(term, MONTHS_PER_CYCLE[interval], 0) : null;
}

/** Every cycle of the terms that has ended at or before `at`, oldest first. */
export function cyclesEndedBy(terms: readonly TermWindow[], interval: BillingInterval, at: Date): BillingCycle[] {
  const ended: BillingCycle[] = [];
  for (const term of terms) {
    if (term.startsAt.getTime() >= at.getTime()) break;
    for (const cycle of cyclesOfTerm(term, interval)) {
      if (cycle.end.getTime() > at.getTime()) break;
      ended.push(cycle);
    }
  }
  return ended;
}

/**
 * The calendar months (UTC) overlapping [from, to), oldest first. Usage is measured per
 * calendar month, whatever the subscriptions' cycles, so each month is charged once (R29).
 */
export function calendarMonthsOverlapping(period: Interval): Interval[] {
  const months: Interval[] = [];
  let start = new Date(Date.UTC(period.start.getUTCFullYear(), period.start.getUTCMonth(), 1));
  while (start.getTime() < period.end.getTime()) {
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    months.push({ start, end });
    start = end;
  }
  return months;
}

/** [first month start, last month end) of the calendar months overlapping the period. */
export function calendarMonthSpan(period: Interval): Interval {
  const months = calendarMonthsOverlapping(period);
  return months.length === 0 ? period : { start: months[0]!.start, end: months[months.length - 1]!.end };
}
