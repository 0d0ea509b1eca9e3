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

// Date, time, optional fraction (milliseconds kept, finer digits dropped) and a zone: `Z`
// or ±hh:mm. A bare date or a local time is refused: an instant without a zone is ambiguous.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * An ISO-8601 instant with a zone, read strictly: every field within its calendar range
 * (`2026-02-30` and `24:00` are refused, not rolled over as `Date` would), the offset
 * within ±23:59. Null when the text is not such an instant.
 */
export function parseInstant(text: string): Instant | null {
  const m = ISO_INSTANT.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let offsetMinutes = 0;
  if (!m[8]) {
    const [offsetHours, offsetMins] = [Number(m[10]), Number(m[11])];
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  const date = new Date(utc);
  if (year < 100) date.setUTCFullYear(year); // Date.UTC reads years 0 to 99 as 1900 to 1999
  return Number.isNaN(date.getTime()) ? null : date;
}
