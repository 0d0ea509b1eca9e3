import { calendarMonthsOverlapping } from '../../kernel/billing-cycle';
import type { Interval } from '../../kernel/instant';
import { findPrimarySubscription } from '../../kernel/primary-subscription';
import type { SubscriptionFacts } from '../../kernel/subscription-facts';
import { computeTenantOverage } from '../../kernel/tenant-overage';
import { USAGE_TYPE_DEFINITIONS, type UsageType } from '../../kernel/usage-types';
import type { UsageCharge } from './invoice-lines';

/** A billable stretch above the concurrent seats (R23), as Entitlements recorded it. */
export interface ExcessStretchFact {
  readonly usageType: UsageType;
  readonly to: Date;
  readonly excess: number;
}

/** A usage reading: a level for seat-like types, an increment for metered ones (R4). */
export interface Reading {
  readonly usageType: UsageType;
  readonly quantity: number;
  readonly at: Date;
}

/**
 * R9: a usage type's use over [from, to). Metered (SUM): the sum of the increments in
 * the period. Seat-like (PEAK): the highest level in force during the period: the level
 * at its start (the last reading at or before it; one exactly at the start replaces an
 * older one) and every level read after. `readings` are one type's, oldest first.
 */
export function usedInPeriod(readings: readonly Reading[], usageType: UsageType, period: Interval): number {
  const from = period.start.getTime();
  const to = period.end.getTime();
  const sum = USAGE_TYPE_DEFINITIONS[usageType].aggregation === 'SUM';
  let used = 0;
  let atStart = 0;
  for (const reading of readings) {
    const at = reading.at.getTime();
    if (at >= to) break;
    if (sum) {
      if (at >= from) used += reading.quantity;
    } else if (at <= from) {
      atStart = reading.quantity;
    } else {
      used = Math.max(used, reading.quantity);
    }
  }
  return sum ? used : Math.max(used, atStart);
}

/**
 * R9, R23, R29: what the tenant's usage charges to one of its subscriptions on the
 * invoice of `cycle`.
 *
 * Usage is measured per calendar month (UTC), tenant-wide: the overage of a type is
 * used − the entitlement of all subscriptions over the month, charged to the subscription
 * Subscriptions names for it (responsible, R7, or primary, R8) at the last instant of the
 * month a subscription is active; it lands on that subscription's cycle containing that
 * instant. So each month is charged once and to one subscription, whatever the
 * subscriptions' cycles and intervals (an annual cycle carries twelve monthly lines).
 * Metered usage of a type no subscription includes is USAGE on the primary subscription.
 * A billable stretch of concurrent sessions (R23) is charged to the primary subscription
 * at its end, in the month it ended; with readings of the same type in that month the
 * higher excess is charged, once.
 */
export function usageChargesFor<S extends SubscriptionFacts>(input: {
  readonly subscription: S;
  readonly cycle: Interval;
  readonly tenantSubscriptions: readonly S[];
  readonly readingsByType: ReadonlyMap<UsageType, readonly Reading[]>;
  /** Billable stretches of concurrent sessions above the seats (R23), any period. */
  readonly excessStretches?: readonly ExcessStretchFact[];
}): UsageCharge[] {
  const { subscription, cycle, tenantSubscriptions } = input;
  const inCycle = (at: Date | null) => at !== null && cycle.start.getTime() <= at.getTime() && at.getTime() < cycle.end.getTime();
  const charges: UsageCharge[] = [];
  for (const month of calendarMonthsOverlapping(cycle)) {
    const excessByType = new Map<UsageType, number>();
    for (const stretch of input.excessStretches ?? []) {
      const last = new Date(stretch.to.getTime() - 1);
      if (last.getTime() < month.start.getTime() || last.getTime() >= month.end.getTime() || !inCycle(last)) continue;
      if (findPrimarySubscription(tenantSubscriptions, last)?.id !== subscription.id) continue;
      excessByType.set(stretch.usageType, Math.max(excessByType.get(stretch.usageType) ?? 0, stretch.excess));
    }
    for (const [usageType, readings] of input.readingsByType) {
      const used = usedInPeriod(readings, usageType, month);
      if (used <= 0) continue;
      const overage = computeTenantOverage({ usageType, subscriptions: tenantSubscriptions, from: month.start, to: month.end, used });
      if (!inCycle(overage.chargedAt)) continue;
      if (overage.entitled === 0 && USAGE_TYPE_DEFINITIONS[usageType].aggregation === 'SUM') {
        const payer = overage.chargedTo ?? findPrimarySubscription(tenantSubscriptions, overage.chargedAt!);
        if (payer?.id === subscription.id) charges.push({ kind: 'USAGE', usageType, quantity: used, period: month });
      } else if (overage.overage > 0 && overage.chargedTo?.id === subscription.id) {
        const excess = excessByType.get(usageType) ?? 0;
        excessByType.delete(usageType);
        charges.push({ kind: 'OVERAGE', usageType, quantity: Math.max(overage.overage, excess), period: month });
      }
    }
    for (const [usageType, excess] of excessByType) charges.push({ kind: 'OVERAGE', usageType, quantity: excess, period: month });
  }
  return charges;
}
