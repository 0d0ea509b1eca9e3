import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

import type { BillingCycle } from '../kernel/billing-cycle';
import type { CatalogAddOn, PlanSnapshot } from '../kernel/catalog-model';
import type { Money } from '../kernel/money';
import { findPrimarySubscription } from '../kernel/primary-subscription';
import type { Interval } from '../kernel/instant';
import { termAt } from '../kernel/subscription-terms';
import { USAGE_TYPE_DEFINITIONS, USAGE_TYPES, type UsageType } from '../kernel/usage-types';
import { CatalogReplica } from '../runtime/catalog-replica';
import { instantOf } from '../runtime/plain-rows';
import { accountUserLicencesAt, buildCycleInvoice, type BilledPurchase, type InvoiceDraft } from './domain/invoice-lines';
import { usageChargesFor, type ExcessStretchFact, type Reading } from './domain/usage-charges';
import { ConcurrencyOverage } from './entities/concurrency-overage.entity';
import { Purchase } from './entities/purchase.entity';
import { UsageReading } from './entities/usage-reading.entity';
import type { BilledSubscription } from './tenant-subscriptions';

/** The catalog as billing prices it: every plan and add-on of the replica. */
export interface PriceList {
  readonly plans: ReadonlyMap<string, PlanSnapshot>;
  readonly addOns: ReadonlyMap<string, CatalogAddOn>;
}

export async function loadPriceList(em: EntityManager): Promise<PriceList> {
  const rows = await em.find(CatalogReplica, {});
  const plans = new Map<string, PlanSnapshot>();
  const addOns = new Map<string, CatalogAddOn>();
  for (const row of rows) {
    if (row.kind === 'PLAN') plans.set(row.key, JSON.parse(row.document) as PlanSnapshot);
    else addOns.set(row.key, JSON.parse(row.document) as CatalogAddOn);
  }
  return { plans, addOns };
}

/** The purchases of some tenants, oldest first, by tenant. */
export async function purchasesOfTenants(em: SqlEntityManager, tenantIds: readonly string[]): Promise<Map<string, BilledPurchase[]>> {
  const byTenant = new Map<string, BilledPurchase[]>();
  if (tenantIds.length === 0) return byTenant;
  const rows = await em
    .createQueryBuilder(Purchase)
    .select(['tenantId', 'addOnKey', 'quantity', 'unitAmountMinor', 'currency', 'purchasedAt'])
    .where({ tenantId: { $in: [...tenantIds] } })
    .orderBy({ purchasedAt: 'asc', id: 'asc' })
    .execute<{ tenantId: string; addOnKey: string; quantity: number; unitAmountMinor: number; currency: string; purchasedAt: unknown }[]>();
  for (const row of rows) {
    const list = byTenant.get(row.tenantId) ?? [];
    list.push({
      addOnKey: row.addOnKey,
      quantity: Number(row.quantity),
      unitPrice: { amountMinor: Number(row.unitAmountMinor), currency: row.currency },
      purchasedAt: instantOf(row.purchasedAt),
    });
    byTenant.set(row.tenantId, list);
  }
  return byTenant;
}

const PEAK_TYPES = USAGE_TYPES.filter((t) => USAGE_TYPE_DEFINITIONS[t].aggregation === 'PEAK');

/**
 * The usage readings of some tenants that bear on [from, to): those inside it, plus for
 * seat-like types the last level recorded before it (still in force when it starts).
 * Two queries whatever the number of tenants; oldest first per tenant and type.
 */
export async function readingsOfTenants(
  em: SqlEntityManager,
  tenantIds: readonly string[],
  window: Interval,
): Promise<Map<string, Map<UsageType, Reading[]>>> {
  const byTenant = new Map<string, Map<UsageType, Reading[]>>();
  if (tenantIds.length === 0) return byTenant;
  const add = (tenantId: string, usageType: UsageType, quantity: number, at: Date) => {
    const types = byTenant.get(tenantId) ?? new Map<UsageType, Reading[]>();
    byTenant.set(tenantId, types);
    const list = types.get(usageType) ?? [];
    types.set(usageType, list);
    list.push({ usageType, quantity, at });
  };
  const ids = [...tenantIds];
  const lastBefore = await em
    .createQueryBuilder(UsageReading)
    .select(['tenantId', 'usageType', raw('max(at) as last_at')])
    .where({ tenantId: { $in: ids }, usageType: { $in: PEAK_TYPES }, at: { $lt: window.start } })
    .groupBy(['tenantId', 'usageType'])
    .execute<{ tenantId: string; usageType: UsageType; last_at: unknown }[]>();
  // The rows behind those maxima, in chunks: SQLite caps an expression's depth at 1,000.
  for (let i = 0; i < lastBefore.length; i += 200) {
    const levels = await em.find(
      UsageReading,
      { $or: lastBefore.slice(i, i + 200).map((row) => ({ tenantId: row.tenantId, usageType: row.usageType, at: instantOf(row.last_at) })) },
      { orderBy: { id: 'asc' } },
    );
    for (const level of levels) add(level.tenantId, level.usageType, level.quantity, level.at);
  }
  const inside = await em
    .createQueryBuilder(UsageReading)
    .select(['tenantId', 'usageType', 'quantity', 'at'])
    .where({ tenantId: { $in: ids }, at: { $gte: window.start, $lt: window.end } })
    .orderBy({ at: 'asc', id: 'asc' })
    .execute<{ tenantId: string; usageType: UsageType; quantity: number; at: unknown }[]>();
  for (const row of inside) add(row.tenantId, row.usageType, Number(row.quantity), instantOf(row.at));
  return byTenant;
}

/** Billable concurrency stretches (R23) of some tenants whose last instant is in [from, to), by tenant. */
export async function excessStretchesOfTenants(em: EntityManager, tenantIds: readonly string[], window: Interval): Promise<Map<string, ExcessStretchFact[]>> {
  const byTenant = new Map<string, ExcessStretchFact[]>();
  if (tenantIds.length === 0) return byTenant;
  const rows = await em.find(ConcurrencyOverage, { tenantId: { $in: [...tenantIds] }, toAt: { $gt: window.start, $lte: window.end } });
  for (const row of rows) {
    const list = byTenant.get(row.tenantId) ?? [];
    list.push({ usageType: row.usageType, to: row.toAt, excess: row.excess });
    byTenant.set(row.tenantId, list);
  }
  return byTenant;
}

/**
 * R28: the account-level add-ons the account holds at `at`, each once: in a term of an
 * active subscription (at the catalog's price) or bought before (at the price paid).
 */
function accountAddOnsHeld(facts: TenantBillingFacts, at: Date, prices: PriceList): { addOnKey: string; unitPrice: Money }[] {
  const held = new Map<string, Money>();
  for (const purchase of facts.purchases) {
    if (purchase.purchasedAt.getTime() < at.getTime() && prices.addOns.get(purchase.addOnKey)?.type === 'ACCOUNT_LEVEL' && !held.has(purchase.addOnKey)) {
      held.set(purchase.addOnKey, purchase.unitPrice);
    }
  }
  for (const subscription of facts.subscriptions) {
    for (const subscribed of termAt(subscription.terms, at)?.addOns ?? []) {
      const addOn = prices.addOns.get(subscribed.addOnKey);
      if (addOn?.type === 'ACCOUNT_LEVEL' && subscribed.quantity > 0 && !held.has(addOn.key)) held.set(addOn.key, addOn.unitPrice);
    }
  }
  return [...held].sort(([a], [b]) => (a < b ? -1 : 1)).map(([addOnKey, unitPrice]) => ({ addOnKey, unitPrice }));
}

/** Everything one cycle invoice of a subscription is computed from, gathered for a tenant. */
export interface TenantBillingFacts {
  readonly subscriptions: readonly BilledSubscription[];
  /** Every purchase of the tenant. */
  readonly purchases: readonly BilledPurchase[];
  readonly readingsByType: ReadonlyMap<UsageType, readonly Reading[]>;
  readonly excessStretches: readonly ExcessStretchFact[];
}

/**
 * R26, R28, R29: the draft of a subscription's invoice for a cycle (null outside its
 * terms). What belongs to the account rather than to one subscription (licences bought,
 * account-level add-ons) is charged on the invoice of the subscription that is primary
 * (R8) when the cycle starts: once, and by whichever subscription carries the account
 * when the one that was primary at the purchase has ended.
 */
export function draftCycleInvoice(subscription: BilledSubscription, cycle: BillingCycle, facts: TenantBillingFacts, prices: PriceList): InvoiceDraft | null {
  const term = termAt(subscription.terms, cycle.start);
  if (!term) return null;
  const carriesAccount = findPrimarySubscription(facts.subscriptions, cycle.start)?.id === subscription.id;
  return buildCycleInvoice({
    cycle,
    billingInterval: subscription.billingInterval,
    term,
    plan: prices.plans.get(subscription.planKey) ?? null,
    addOns: prices.addOns,
    purchases: carriesAccount ? facts.purchases : [],
    accountAddOns: carriesAccount ? accountAddOnsHeld(facts, cycle.start, prices) : [],
    accountUserLicences: accountUserLicencesAt(facts.subscriptions, cycle.start),
    usage: usageChargesFor({
      subscription,
      cycle,
      tenantSubscriptions: facts.subscriptions,
      readingsByType: facts.readingsByType,
      excessStretches: facts.excessStretches,
    }),
    currency: 'USD',
  });
}
