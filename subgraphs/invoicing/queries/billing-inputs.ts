import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

import type { BillingCycle } from '../../kernel/billing-cycle';
import type { CatalogAddOn, PlanSnapshot } from '../../kernel/catalog-model';
import type { Money } from '../../kernel/money';
import type { Interval } from '../../kernel/instant';
import { termAt } from '../../kernel/subscription-terms';
import { USAGE_TYPE_DEFINITIONS, USAGE_TYPES, type UsageType } from '../../kernel/usage-types';
import { CatalogReplica } from '../../runtime/catalog-replica';
import { instantOf } from '../../runtime/plain-rows';
import { accountChargeSegments, type AccountPurchase, type ProrationCover } from '../domain/account-charges';
import { buildCycleInvoice, type InvoiceDraft } from '../domain/invoice-lines';
import { Invoice, InvoiceLine, PRORATION_KEY_PREFIX } from '../entities/invoice.entity';
import { usageChargesFor, type ExcessStretchFact, type Reading } from '../domain/usage-charges';
import { ConcurrencyOverage } from '../entities/concurrency-overage.entity';
import { Purchase } from '../entities/purchase.entity';
import { UsageReading } from '../entities/usage-reading.entity';
import type { BilledSubscription } from './tenant-subscriptions';
import { billedOnUserLicences } from '../../kernel/add-on-types';

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

/** What the account charges of some tenants are computed from (R38), by tenant. */
export interface AccountRecords {
  /** Every purchase, oldest first. */
  readonly purchases: AccountPurchase[];
  /** What each purchase's own invoice charged (R27). */
  readonly covers: ProrationCover[];
}

/**
 * The purchases of some tenants, oldest first, and what their own (PRORATION) invoices
 * charged within `window` (the cycles billed): a query for each, and one per 500 such
 * invoices for their lines, whatever the number of tenants.
 */
export async function accountRecordsOfTenants(em: SqlEntityManager, tenantIds: readonly string[], window: Interval): Promise<Map<string, AccountRecords>> {
  const byTenant = new Map<string, AccountRecords>();
  if (tenantIds.length === 0) return byTenant;
  const ids = [...tenantIds];
  const records = (tenantId: string) => {
    let found = byTenant.get(tenantId);
    if (!found) byTenant.set(tenantId, (found = { purchases: [], covers: [] }));
    return found;
  };
  const [rows, prorations] = await Promise.all([
    em
      .createQueryBuilder(Purchase)
      .select(['id', 'tenantId', 'addOnKey', 'quantity', 'unitAmountMinor', 'currency', 'purchasedAt'])
      .where({ tenantId: { $in: ids } })
      .orderBy({ purchasedAt: 'asc', id: 'asc' })
      .execute<{ id: string; tenantId: string; addOnKey: string; quantity: number; unitAmountMinor: number; currency: string; purchasedAt: unknown }[]>(),
    em.find(Invoice, { tenantId: { $in: ids }, kind: 'PRORATION', periodEnd: { $gt: window.start }, periodStart: { $lt: window.end } }, { fields: ['id', 'tenantId', 'issueKey'] }),
  ]);
  const priceOf = new Map<string, { addOnKey: string; unitPrice: Money }>();
  for (const row of rows) {
    const unitPrice = { amountMinor: Number(row.unitAmountMinor), currency: row.currency };
    priceOf.set(row.id, { addOnKey: row.addOnKey, unitPrice });
    records(row.tenantId).purchases.push({ addOnKey: row.addOnKey, quantity: Number(row.quantity), unitPrice, purchasedAt: instantOf(row.purchasedAt) });
  }
  const invoices = new Map(prorations.map((invoice) => [invoice.id, invoice]));
  const invoiceIds = [...invoices.keys()];
  const lines = [];
  for (let i = 0; i < invoiceIds.length; i += 500) lines.push(...(await em.find(InvoiceLine, { invoiceId: { $in: invoiceIds.slice(i, i + 500) }, kind: 'PRORATION' })));
  for (const line of lines) {
    const invoice = invoices.get(line.invoiceId)!;
    const purchase = priceOf.get(invoice.issueKey.slice(PRORATION_KEY_PREFIX.length));
    if (!purchase) continue;
    records(invoice.tenantId).covers.push({ ...purchase, quantity: line.quantity, period: { start: line.periodStart, end: line.periodEnd } });
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

/** Everything one cycle invoice of a subscription is computed from, gathered for a tenant. */
export interface TenantBillingFacts {
  readonly subscriptions: readonly BilledSubscription[];
  /** Every purchase of the tenant, and what their own invoices charged (R27, R38). */
  readonly account: AccountRecords;
  readonly readingsByType: ReadonlyMap<UsageType, readonly Reading[]>;
  readonly excessStretches: readonly ExcessStretchFact[];
}

/**
 * R26, R28, R29, R38: the draft of a subscription's invoice for a cycle (null outside its
 * terms). What belongs to the account rather than to one subscription (licences bought,
 * account-level add-ons) is charged, second by second, on the invoice of the
 * subscription primary at that second (domain/account-charges.ts).
 */
export function draftCycleInvoice(subscription: BilledSubscription, cycle: BillingCycle, facts: TenantBillingFacts, prices: PriceList): InvoiceDraft | null {
  const term = termAt(subscription.terms, cycle.start);
  if (!term) return null;
  return buildCycleInvoice({
    cycle,
    billingInterval: subscription.billingInterval,
    term,
    plan: prices.plans.get(subscription.planKey) ?? null,
    addOns: prices.addOns,
    account: accountChargeSegments(subscription, cycle, {
      subscriptions: facts.subscriptions,
      purchases: facts.account.purchases,
      covers: facts.account.covers,
      accountLevel: (key) => billedOnUserLicences(prices.addOns.get(key)),
      catalogPrice: (key) => prices.addOns.get(key)?.unitPrice ?? null,
    }),
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
