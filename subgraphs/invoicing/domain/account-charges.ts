import type { BillingCycle } from '../../kernel/billing-cycle';
import type { Interval } from '../../kernel/instant';
import type { Money } from '../../kernel/money';
import { findPrimarySubscription } from '../../kernel/primary-subscription';
import type { BillableSubscription } from '../../kernel/proration';
import { termAt, type SubscriptionTerm } from '../../kernel/subscription-terms';
import type { UsageType } from '../../kernel/usage-types';

/** Agent seat types: the user licences of an account (R28). */
export const USER_LICENCE_TYPES: readonly UsageType[] = ['AGENT_STANDARD', 'AGENT_PREMIUM'];

/**
 * R28: the account's user licences at `at`, what an account-level add-on is billed on:
 * the "standard and additional user licences" are the AGENT_STANDARD and AGENT_PREMIUM
 * seats of every subscription active at `at` (IVR ports, AI and messaging are not users).
 */
export function accountUserLicencesAt(subscriptions: readonly { readonly terms: readonly SubscriptionTerm[] }[], at: Date): number {
  let licences = 0;
  for (const subscription of subscriptions) {
    const term = termAt(subscription.terms, at);
    for (const item of term?.items ?? []) if (USER_LICENCE_TYPES.includes(item.usageType)) licences += item.quantity;
  }
  return licences;
}

/** A purchase of the tenant as account charges see it (R16, R18, R28, R31). */
export interface AccountPurchase {
  readonly addOnKey: string;
  readonly quantity: number;
  /** The monthly price per licence it was bought at. */
  readonly unitPrice: Money;
  readonly purchasedAt: Date;
}

/** What a purchase's own invoice charged at once (R27): that quantity over that period, not to be charged again. */
export interface ProrationCover {
  readonly addOnKey: string;
  /** The monthly price of the purchase it was issued for. */
  readonly unitPrice: Money;
  readonly quantity: number;
  readonly period: Interval;
}

/** What the account holds and pays per second, whoever pays it: licences bought, or an account-level add-on. */
export type AccountBasis = 'BOUGHT' | 'USER_LICENCES';

/** A stretch of an account charge on one subscription's cycle: one invoice line (R38). */
export interface AccountSegment {
  readonly addOnKey: string;
  readonly basis: AccountBasis;
  /** Monthly price per licence (bought) or per user licence (account-level, R28). */
  readonly unitPrice: Money;
  readonly quantity: number;
  readonly period: Interval;
}

/** The account as its charges depend on it: every subscription of the tenant, every purchase, the catalog. */
export interface AccountFacts<S extends BillableSubscription> {
  readonly subscriptions: readonly S[];
  readonly purchases: readonly AccountPurchase[];
  /** R2: whether an add-on is ACCOUNT_LEVEL (held by every user, billed on the user licences, R28). */
  readonly accountLevel: (addOnKey: string) => boolean;
  /** The catalog's monthly price of an add-on (an account-level add-on held through a subscription is billed at it). */
  readonly catalogPrice: (addOnKey: string) => Money | null;
  /** What purchases' own invoices already charged (R27). */
  readonly covers: readonly ProrationCover[];
}

const SECOND = 1000;
const toSecond = (t: number) => Math.floor(t / SECOND) * SECOND;
const priceKey = (addOnKey: string, price: Money) => `${addOnKey}\u0000${price.currency}\u0000${price.amountMinor}`;

/** One thing the account holds over time, and how much of it at an instant. */
interface Holding {
  readonly addOnKey: string;
  readonly basis: AccountBasis;
  readonly unitPrice: Money;
  quantityAt(t: number): number;
}

/**
 * R28, R38: what the account holds at each instant, each once:
 * - licences bought (R16, R18, R31) of a per-seat add-on, from the second of their
 *   purchase on, for good, grouped by add-on and price;
 * - each account-level add-on, from the second it was first bought or while an active
 *   term includes it, on the account's user licences at that instant (R28), at the price
 *   it was bought at (or the catalog's when only a term holds it).
 */
function holdingsOf<S extends BillableSubscription>(facts: AccountFacts<S>): Holding[] {
  const holdings: Holding[] = [];
  const bought = new Map<string, AccountPurchase[]>();
  const accountLevelKeys = new Set<string>();
  for (const purchase of facts.purchases) {
    if (facts.accountLevel(purchase.addOnKey)) {
      accountLevelKeys.add(purchase.addOnKey);
      continue;
    }
    const key = priceKey(purchase.addOnKey, purchase.unitPrice);
    bought.set(key, [...(bought.get(key) ?? []), purchase]);
  }
  for (const purchases of bought.values()) {
    // Quantity held from each purchase's second on: a running total, looked up by binary search.
    const seconds = purchases.map((p) => toSecond(p.purchasedAt.getTime())).sort((a, b) => a - b);
    const totals: number[] = [];
    let total = 0;
    for (const p of [...purchases].sort((a, b) => a.purchasedAt.getTime() - b.purchasedAt.getTime())) totals.push((total += p.quantity));
    holdings.push({
      addOnKey: purchases[0]!.addOnKey,
      basis: 'BOUGHT',
      unitPrice: purchases[0]!.unitPrice,
      quantityAt: (t) => {
        let lo = 0;
        let hi = seconds.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (seconds[mid]! <= t) lo = mid + 1;
          else hi = mid;
        }
        return lo === 0 ? 0 : totals[lo - 1]!;
      },
    });
  }
  for (const subscription of facts.subscriptions) {
    for (const term of subscription.terms) for (const a of term.addOns) if (a.quantity > 0 && facts.accountLevel(a.addOnKey)) accountLevelKeys.add(a.addOnKey);
  }
  for (const addOnKey of [...accountLevelKeys].sort()) {
    const purchases = facts.purchases.filter((p) => p.addOnKey === addOnKey).sort((a, b) => a.purchasedAt.getTime() - b.purchasedAt.getTime());
    const inTerm = (t: number) =>
      facts.subscriptions.some((s) => termAt(s.terms, new Date(t))?.addOns.some((a) => a.addOnKey === addOnKey && a.quantity > 0) ?? false);
    const boughtBy = (t: number) => purchases.find((p) => toSecond(p.purchasedAt.getTime()) <= t) ?? null;
    // One price a holding: bought (the price paid) or through terms only (the catalog's).
    const unitPrice = purchases[0]?.unitPrice ?? facts.catalogPrice(addOnKey);
    if (!unitPrice) continue;
    holdings.push({
      addOnKey,
      basis: 'USER_LICENCES',
      unitPrice,
      quantityAt: (t) => (boughtBy(t) || inTerm(t) ? accountUserLicencesAt(facts.subscriptions, new Date(t)) : 0),
    });
  }
  return holdings;
}

/** The seconds of [from, to) at which what the account holds or who pays can change: term bounds, purchases, covers. */
function changePoints(facts: AccountFacts<BillableSubscription>, from: number, to: number): number[] {
  const instants = new Set<number>([from, to]);
  const within = (t: number) => {
    const s = toSecond(t);
    if (s > from && s < to) instants.add(s);
  };
  for (const s of facts.subscriptions) for (const term of s.terms) [term.startsAt, term.endsAt].forEach((d) => within(d.getTime()));
  for (const p of facts.purchases) within(p.purchasedAt.getTime());
  for (const c of facts.covers) [c.period.start, c.period.end].forEach((d) => within(d.getTime()));
  return [...instants].sort((a, b) => a - b);
}

/** What purchases' own invoices charged of a holding (same add-on, same price), as steps in time. */
function coverStepsOf(holding: Holding, covers: readonly ProrationCover[]): { at: number; delta: number }[] {
  const key = priceKey(holding.addOnKey, holding.unitPrice);
  return covers
    .filter((c) => priceKey(c.addOnKey, c.unitPrice) === key)
    .flatMap((c) => [
      { at: toSecond(c.period.start.getTime()), delta: c.quantity },
      { at: toSecond(c.period.end.getTime()), delta: -c.quantity },
    ])
    .sort((a, b) => a.at - b.at);
}

/**
 * R38: the account charges one subscription's cycle carries. Every second of the cycle in
 * which the subscription is the primary one (R6) carries what the account holds at that
 * second, less what a purchase's own invoice charged for it already (R27); seconds in
 * which another subscription is primary are that one's, whatever the cycles' phases.
 * Consecutive seconds with the same quantity make one segment (one line).
 *
 * So over any stretch the seconds billed equal the seconds held: each second is on the
 * cycle of the subscription primary then, exactly once (a subscription's cycles do not
 * overlap), and not at all while no subscription is active (R41).
 */
export function accountChargeSegments<S extends BillableSubscription>(subscription: S, cycle: BillingCycle, facts: AccountFacts<S>): AccountSegment[] {
  const from = toSecond(cycle.start.getTime());
  const to = toSecond(cycle.end.getTime());
  if (to <= from) return [];
  const holdings = holdingsOf(facts);
  if (holdings.length === 0) return [];
  const points = changePoints(facts, from, to);
  // What purchases' own invoices cover, per holding, as a running sum along the points.
  const coverSteps = new Map(holdings.map((holding) => [holding, coverStepsOf(holding, facts.covers)]));
  const coverState = new Map<Holding, { next: number; covered: number }>(holdings.map((h) => [h, { next: 0, covered: 0 }]));

  const segments: AccountSegment[] = [];
  const open = new Map<Holding, { quantity: number; start: number; end: number }>();
  const close = (holding: Holding) => {
    const run = open.get(holding);
    if (!run) return;
    open.delete(holding);
    segments.push({ addOnKey: holding.addOnKey, basis: holding.basis, unitPrice: holding.unitPrice, quantity: run.quantity, period: { start: new Date(run.start), end: new Date(run.end) } });
  };
  for (let i = 0; i + 1 < points.length; i++) {
    const [x, y] = [points[i]!, points[i + 1]!];
    const payer = findPrimarySubscription(facts.subscriptions, new Date(x));
    for (const holding of holdings) {
      const steps = coverSteps.get(holding)!;
      const state = coverState.get(holding)!;
      while (state.next < steps.length && steps[state.next]!.at <= x) state.covered += steps[state.next++]!.delta;
      const quantity = payer?.id === subscription.id ? Math.max(0, holding.quantityAt(x) - state.covered) : 0;
      const run = open.get(holding);
      if (run && run.quantity === quantity && run.end === x) {
        run.end = y;
        continue;
      }
      close(holding);
      if (quantity > 0) open.set(holding, { quantity, start: x, end: y });
    }
  }
  for (const holding of holdings) close(holding);
  return segments.sort(
    (a, b) =>
      (a.addOnKey < b.addOnKey ? -1 : a.addOnKey > b.addOnKey ? 1 : 0) ||
      a.unitPrice.amountMinor - b.unitPrice.amountMinor ||
      a.period.start.getTime() - b.period.start.getTime(),
  );
}

/**
 * R28, R38: the first instant after `at` and before `until` at which the account's user
 * licences change (a term starts or ends), or `until`: an account-level add-on's own
 * purchase invoice charges the count at the purchase up to there, and the cycle it falls
 * in the rest, at the new count.
 */
export function nextUserLicenceChange(subscriptions: readonly { readonly terms: readonly SubscriptionTerm[] }[], at: Date, until: Date): Date {
  const licences = accountUserLicencesAt(subscriptions, at);
  const boundaries = [...new Set(subscriptions.flatMap((s) => s.terms.flatMap((t) => [t.startsAt.getTime(), t.endsAt.getTime()])))]
    .filter((t) => t > at.getTime() && t < until.getTime())
    .sort((a, b) => a - b);
  const change = boundaries.find((t) => accountUserLicencesAt(subscriptions, new Date(t)) !== licences);
  return change === undefined ? until : new Date(change);
}
