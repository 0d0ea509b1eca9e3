/** An instant in UTC. Dates are always UTC; the graph never reads a local time zone. */
export type Instant = Date;

/** A half-open interval [start, end): `start` belongs to it, `end` does not. */
export interface Interval {
  readonly start: Instant;
  readonly end: Instant;
}

/** R5: a term is active at `t` when start <= t < end. */
export function contains(interval: Interval, at: Instant): boolean {
  return interval.start.getTime() <= at.getTime() && at.getTime() < interval.end.getTime();
}

/** R34: a time-dependent answer is asked `at` an instant; the default is now. */
export function resolveAt(at: Instant | null | undefined, now: Instant): Instant {
  return at ?? now;
}
