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
 * the period. Seat-like (PEAK): the highest level in force during the period, counting
 * the level recorded last before it starts. `readings` are one type's, oldest first.
 */
export function usedInPeriod(readings: readonly Reading[], usageType: UsageType, period: Interval): number {
  const from = period.start.getTime();
  const to = period.end.getTime();
  const sum = USAGE_TYPE_DEFINITIONS[usageType].aggregation === 'SUM';
  let used = 0;
  for (const reading of readings) {
    const at = reading.at.getTime();
    if (at >= to) break;
    if (sum) {
      if (at >= from) used += reading.quantity;
    } else if (at < from) {
      used = reading.quantity; // the level in force when the period starts (a later one replaces it)
    } else {
      used = Math.max(used, reading.quantity);
    }
  }
  return used;
}

/**
 * R9, R29: what the tenant's usage over `cycle` charges to one of its subscriptions.
 * The overage of a type is tenant-wide (used − the entitlement of all subscriptions) and
 * lands on the responsible (R7) or primary (R8) subscription, as Subscriptions answers
 * it. Metered usage of a type no subscription includes is charged as USAGE to the
 * primary subscription.
 */
export function usageChargesFor<S extends SubscriptionFacts>(input: {
  readonly subscription: S;
  readonly cycle: Interval;
  readonly tenantSubscriptions: readonly S[];
  readonly readingsByType: ReadonlyMap<UsageType, readonly Reading[]>;
  /** Billable stretches of concurrent sessions above the seats (R23), any cycle. */
  readonly excessStretches?: readonly ExcessStretchFact[];
}): UsageCharge[] {
  const { subscription, cycle, tenantSubscriptions } = input;
  const charges: UsageCharge[] = [];
  // R23: a stretch is billed on the invoice of the cycle it ended in, at its peak excess,
  // to the primary subscription then (R8: agent seats); several in a cycle count as the
  // highest, as seat-like usage peaks (R9).
  const excessByType = new Map<UsageType, number>();
  for (const stretch of input.excessStretches ?? []) {
    const end = stretch.to.getTime();
    if (end < cycle.start.getTime() || end >= cycle.end.getTime()) continue;
    if (findPrimarySubscription(tenantSubscriptions, new Date(end - 1))?.id !== subscription.id) continue;
    excessByType.set(stretch.usageType, Math.max(excessByType.get(stretch.usageType) ?? 0, stretch.excess));
  }
  for (const [usageType, readings] of input.readingsByType) {
    const used = usedInPeriod(readings, usageType, cycle);
    if (used <= 0) continue;
    const overage = computeTenantOverage({ usageType, subscriptions: tenantSubscriptions, from: cycle.start, to: cycle.end, used });
    if (overage.entitled === 0 && USAGE_TYPE_DEFINITIONS[usageType].aggregation === 'SUM') {
      const payer = overage.chargedTo ?? findPrimarySubscription(tenantSubscriptions, new Date(cycle.end.getTime() - 1));
      if (payer?.id === subscription.id) charges.push({ kind: 'USAGE', usageType, quantity: used });
    } else if (overage.overage > 0 && overage.chargedTo?.id === subscription.id) {
      // Seats over the entitlement measured twice (readings and sessions) are billed once, at the higher.
      const excess = excessByType.get(usageType) ?? 0;
      excessByType.delete(usageType);
      charges.push({ kind: 'OVERAGE', usageType, quantity: Math.max(overage.overage, excess) });
    }
  }
  for (const [usageType, excess] of excessByType) charges.push({ kind: 'OVERAGE', usageType, quantity: excess });
  return charges;
}
