/** R23: exceeding the seats for at most this long in a row (a shift change) is free. */
export const CONCURRENCY_GRACE_MS = 30 * 60 * 1000;

/** A concurrent-licence session in epoch milliseconds; `end` null while still open. */
export interface SessionSpan {
  readonly start: number;
  readonly end: number | null;
}

export interface ExcessStretch {
  readonly from: Date;
  readonly to: Date;
  /** Billable seats: the peak excess over the seats during the stretch (R23). */
  readonly seats: number;
}

export interface ConcurrencyReport {
  readonly seats: number;
  readonly peak: number;
  readonly billableExcess: readonly ExcessStretch[];
}

/** R22: the concurrency at `at` is the number of sessions open at it (start <= at < end). */
export function concurrencyAt(sessions: readonly SessionSpan[], at: number): number {
  let open = 0;
  for (const s of sessions) if (s.start <= at && (s.end === null || at < s.end)) open++;
  return open;
}

/**
 * R22, R23: a sweep over the sessions' logins and logouts within [from, to).
 *
 * - Sessions are half-open [start, end): a logout and a login at the same instant (a
 *   handover) never count as two at once. A session never closed lasts until `to`.
 * - peak = the most sessions open at once in the period.
 * - A stretch is a maximal run of time with more sessions than seats; any dip to the
 *   seats or below ends it, so a dip splits two stretches. A stretch lasting more than
 *   30 minutes is billable at its peak excess (peak − seats); 30 minutes or less is free.
 *   A stretch still running at `to` is reported up to `to`.
 *
 * O(n log n) in sessions (two numeric sorts), O(n) memory as typed arrays.
 */
export function analyseConcurrency(input: {
  readonly sessions: ArrayLike<SessionSpan> | { starts: Float64Array; ends: Float64Array };
  readonly from: number;
  readonly to: number;
  readonly seats: number;
  readonly graceMs?: number;
}): ConcurrencyReport {
  const { from, to, seats, graceMs = CONCURRENCY_GRACE_MS } = input;
  const [starts, ends] = clippedBounds(input.sessions, from, to);
  starts.sort();
  ends.sort();

  let level = 0;
  let peak = 0;
  let i = 0;
  let j = 0;
  let stretchStart: number | null = null;
  let stretchPeak = 0;
  const billable: ExcessStretch[] = [];
  const close = (at: number) => {
    if (stretchStart !== null && at - stretchStart > graceMs) {
      billable.push({ from: new Date(stretchStart), to: new Date(at), seats: stretchPeak - seats });
    }
    stretchStart = null;
  };

  while (i < starts.length || j < ends.length) {
    // Every event at the next instant, logouts and logins together, then one look at the level.
    const t = Math.min(i < starts.length ? starts[i]! : Infinity, j < ends.length ? ends[j]! : Infinity);
    while (j < ends.length && ends[j] === t) {
      level--;
      j++;
    }
    while (i < starts.length && starts[i] === t) {
      level++;
      i++;
    }
    if (level > peak) peak = level;
    if (level > seats) {
      if (stretchStart === null) {
        stretchStart = t;
        stretchPeak = level;
      } else if (level > stretchPeak) {
        stretchPeak = level;
      }
    } else if (stretchStart !== null) {
      close(t);
    }
  }
  close(to);
  return { seats, peak, billableExcess: billable };
}

/** Login and logout instants clipped to [from, to), sessions outside it dropped. */
function clippedBounds(
  sessions: ArrayLike<SessionSpan> | { starts: Float64Array; ends: Float64Array },
  from: number,
  to: number,
): [Float64Array, Float64Array] {
  const count = 'starts' in sessions ? sessions.starts.length : sessions.length;
  const starts = new Float64Array(count);
  const ends = new Float64Array(count);
  let n = 0;
  for (let k = 0; k < count; k++) {
    let start: number;
    let end: number;
    if ('starts' in sessions) {
      start = sessions.starts[k]!;
      end = Number.isNaN(sessions.ends[k]!) ? to : sessions.ends[k]!;
    } else {
      const s = sessions[k]!;
      start = s.start;
      end = s.end ?? to;
    }
    start = Math.max(start, from);
    end = Math.min(end, to);
    if (start >= end) continue;
    starts[n] = start;
    ends[n] = end;
    n++;
  }
  return [starts.subarray(0, n), ends.subarray(0, n)];
}

/**
 * R22: the concurrent seats of a tenant over [from, to): the agent seats of every
 * CONCURRENT subscription with a term in the period (a subscription renewed mid-period
 * counts once, with its larger quantity), as R9 counts entitlement.
 */
export function concurrentSeats(
  subscriptions: readonly {
    readonly licensingModel: 'NAMED' | 'CONCURRENT';
    readonly terms: readonly { readonly startsAt: Date; readonly endsAt: Date; readonly items: readonly { readonly usageType: string; readonly quantity: number }[] }[];
  }[],
  from: number,
  to: number,
): number {
  let seats = 0;
  for (const subscription of subscriptions) {
    if (subscription.licensingModel !== 'CONCURRENT') continue;
    let most = 0;
    for (const term of subscription.terms) {
      if (term.endsAt.getTime() <= from || term.startsAt.getTime() >= to) continue;
      const agents = term.items.filter((i) => i.usageType === 'AGENT_STANDARD' || i.usageType === 'AGENT_PREMIUM').reduce((n, i) => n + i.quantity, 0);
      most = Math.max(most, agents);
    }
    seats += most;
  }
  return seats;
}
