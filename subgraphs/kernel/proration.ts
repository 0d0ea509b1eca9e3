import { cycleAt, MONTHS_PER_CYCLE, type BillingInterval } from './billing-cycle';
import type { Interval } from './instant';
import { divideHalfUp, money, type Money } from './money';
import { findPrimarySubscription } from './primary-subscription';
import type { SubscriptionFacts } from './subscription-facts';

/**
 * The price of one unit for a whole cycle: catalog prices are per month, an annual
 * cycle is 12 months (a last cycle cut short by the term's end is prorated, not repriced).
 */
export function cycleUnitPrice(monthlyPrice: Money, interval: BillingInterval): Money {
  return money(monthlyPrice.amountMinor * MONTHS_PER_CYCLE[interval], monthlyPrice.currency);
}

export interface ProratedCharge {
  /** The period charged: from the purchase to the end of the cycle. */
  readonly period: Interval;
  readonly amount: Money;
}

const SECOND = 1000;

/**
 * R27: a purchase at `at` inside `cycle` is charged for the rest of the cycle, to the
 * second:
 *
 *   amount = unitPrice × quantity × remainingSeconds / cycleSeconds, rounded half-up once
 *
 * `unitPrice` is the price of one unit for a whole cycle; `cycleSeconds` is a whole
 * cycle's length (`fullEnd` when the term cuts the cycle short, so a purchase in a short
 * last cycle pays the share of a full one the cycle itself costs). `at` counts from the
 * start of its second (a purchase at 00:00:00.900 pays for that whole second). Exact:
 * the product is a bigint, so no amount is ever a float.
 */
export function prorate(input: { unitPrice: Money; quantity: number; cycle: Interval & { fullEnd?: Date }; at: Date }): ProratedCharge {
  const { unitPrice, quantity, cycle, at } = input;
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError('a quantity is a whole number, not negative');
  const start = cycle.start.getTime();
  const end = cycle.end.getTime();
  const from = Math.floor(at.getTime() / SECOND) * SECOND;
  if (from < Math.floor(start / SECOND) * SECOND || at.getTime() >= end) throw new RangeError('the purchase is outside the cycle');
  const cycleSeconds = BigInt(Math.round(((cycle.fullEnd ?? cycle.end).getTime() - start) / SECOND));
  const remainingSeconds = BigInt(Math.round((end - Math.max(from, start)) / SECOND));
  const amount = divideHalfUp(BigInt(unitPrice.amountMinor) * BigInt(quantity) * remainingSeconds, cycleSeconds);
  return { period: { start: new Date(Math.max(from, start)), end: cycle.end }, amount: money(Number(amount), unitPrice.currency) };
}

/** A subscription as purchase billing sees it: its seniority facts and billing interval. */
export interface BillableSubscription extends SubscriptionFacts {
  readonly billingInterval: BillingInterval;
}

export interface PurchaseCharge<S> {
  /** The subscription billed: the primary one at the purchase (R6, R8). */
  readonly subscription: S;
  /** Price of one licence for the whole cycle. */
  readonly unitAmount: Money;
  readonly charge: ProratedCharge;
}

/**
 * R6, R38: the first term boundary after `at` and before `until` at which `payer` is no
 * longer the primary subscription, or `until`.
 */
export function primaryUntil<S extends SubscriptionFacts>(subscriptions: readonly S[], payer: S, at: Date, until: Date): Date {
  const boundaries = [...new Set(subscriptions.flatMap((s) => s.terms.flatMap((t) => [t.startsAt.getTime(), t.endsAt.getTime()])))]
    .filter((t) => t > at.getTime() && t < until.getTime())
    .sort((a, b) => a - b);
  const change = boundaries.find((t) => findPrimarySubscription(subscriptions, new Date(t))?.id !== payer.id);
  return change === undefined ? until : new Date(change);
}

/**
 * R16, R27, R38: what a purchase of `quantity` licences at `at` is invoiced at once:
 * billed to the tenant's primary subscription, prorated over the rest of its cycle, as
 * far as that subscription stays primary (R38: the successor's cycle charges the rest)
 * and no further than `until` when given. Null when no subscription is active at `at`.
 * Entitlements previews with it (previewAddOnAssignment) and Invoicing issues with it,
 * so the preview and the invoice cannot disagree.
 */
export function chargeForPurchase<S extends BillableSubscription>(input: {
  readonly subscriptions: readonly S[];
  readonly monthlyPrice: Money;
  readonly quantity: number;
  readonly at: Date;
  readonly until?: (payer: S, cycleEnd: Date) => Date;
}): PurchaseCharge<S> | null {
  const subscription = findPrimarySubscription(input.subscriptions, input.at);
  if (!subscription) return null;
  const cycle = cycleAt(subscription.terms, subscription.billingInterval, input.at);
  if (!cycle) return null;
  let end = primaryUntil(input.subscriptions, subscription, input.at, cycle.end);
  if (input.until) end = new Date(Math.min(end.getTime(), input.until(subscription, end).getTime()));
  const unitAmount = cycleUnitPrice(input.monthlyPrice, subscription.billingInterval);
  return { subscription, unitAmount, charge: prorate({ unitPrice: unitAmount, quantity: input.quantity, cycle: { start: cycle.start, end, fullEnd: cycle.fullEnd }, at: input.at }) };
}
