import type { UsageType } from './usage-types';

/** A term of a subscription: active on [startsAt, endsAt). Terms of one subscription never overlap. */
export interface TermWindow {
  readonly startsAt: Date;
  readonly endsAt: Date;
}

export interface TermItem {
  readonly usageType: UsageType;
  readonly quantity: number;
  /** When the subscription first included this usage type without interruption (R7). */
  readonly since: Date;
}

export interface TermAddOn {
  readonly addOnKey: string;
  readonly quantity: number;
}

export interface SubscriptionTerm extends TermWindow {
  readonly items: readonly TermItem[];
  readonly addOns: readonly TermAddOn[];
}

export type SubscriptionStatus = 'ACTIVE' | 'PENDING' | 'EXPIRED';

/**
 * R5: the term active at `at` (start <= at < end), or null. Terms are sorted by start;
 * binary search, so a subscription renewed for decades answers in a few steps.
 */
export function termAt<T extends TermWindow>(terms: readonly T[], at: Date): T | null {
  const t = at.getTime();
  let lo = 0;
  let hi = terms.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const term = terms[mid]!;
    if (t < term.startsAt.getTime()) hi = mid - 1;
    else if (t >= term.endsAt.getTime()) lo = mid + 1;
    else return term;
  }
  return null;
}

/**
 * R5: ACTIVE inside a term; PENDING before the first term starts; EXPIRED otherwise,
 * including the gap between an expiry and a renewal that starts later.
 */
export function statusAt(terms: readonly TermWindow[], at: Date): SubscriptionStatus {
  if (termAt(terms, at)) return 'ACTIVE';
  if (terms.length === 0 || at.getTime() < terms[0]!.startsAt.getTime()) return 'PENDING';
  return 'EXPIRED';
}

/**
 * The term a subscription's plain fields describe at `now`: the active one; else the
 * latest that has started (an expired subscription shows its last term); else the first
 * (a pending subscription shows what it will be).
 */
export function currentTerm<T extends TermWindow>(terms: readonly T[], now: Date): T {
  const active = termAt(terms, now);
  if (active) return active;
  let latestStarted: T | null = null;
  for (const term of terms) if (term.startsAt.getTime() <= now.getTime()) latestStarted = term;
  return latestStarted ?? terms[0]!;
}
