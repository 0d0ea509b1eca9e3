import type { BillingCycle, BillingInterval } from '../../kernel/billing-cycle';
import type { CatalogAddOn, CatalogPlan } from '../../kernel/catalog-model';
import type { Interval } from '../../kernel/instant';
import { divideHalfUp, money, sumMoney, type Money } from '../../kernel/money';
import { cycleUnitPrice } from '../../kernel/proration';
import { termAt, type SubscriptionTerm } from '../../kernel/subscription-terms';
import { USAGE_TYPE_DEFINITIONS, type UsageType } from '../../kernel/usage-types';

export const LINE_ITEM_KINDS = ['PLAN_SEATS', 'ADD_ON_LICENSE', 'PRORATION', 'OVERAGE', 'USAGE'] as const;
export type LineItemKind = (typeof LINE_ITEM_KINDS)[number];

/** One line of an invoice as the rules compute it. */
export interface InvoiceLineDraft {
  readonly kind: LineItemKind;
  readonly description: string;
  readonly quantity: number;
  /** Price of one unit for the whole period charged. */
  readonly unitAmount: Money;
  readonly amount: Money;
  readonly period: Interval;
  readonly usageType: UsageType | null;
  readonly addOnKey: string | null;
}

export interface InvoiceDraft {
  readonly period: Interval;
  readonly lines: readonly InvoiceLineDraft[];
  /** Sum of the lines (R26): never computed any other way. */
  readonly subtotal: Money;
}

/** Licences bought and billed to the subscription (R31), at the monthly price of when they were bought. */
export interface BilledPurchase {
  readonly addOnKey: string;
  readonly quantity: number;
  readonly unitPrice: Money;
  readonly purchasedAt: Date;
}

/** Usage the tenant owes this subscription (R9, R23, R29): over an entitlement, or metered with none, for a calendar month. */
export interface UsageCharge {
  readonly kind: 'OVERAGE' | 'USAGE';
  readonly usageType: UsageType;
  readonly quantity: number;
  /** The month the usage was measured over. */
  readonly period: Interval;
}

export interface CycleInvoiceInput {
  readonly cycle: BillingCycle;
  readonly billingInterval: BillingInterval;
  /** The term in force at the start of the cycle: seats and subscribed add-ons. */
  readonly term: SubscriptionTerm;
  readonly plan: CatalogPlan | null;
  readonly addOns: ReadonlyMap<string, CatalogAddOn>;
  /**
   * Licences the tenant bought, charged on this invoice (the caller passes them to the
   * primary subscription's only); those bought before the cycle are charged in full.
   */
  readonly purchases: readonly BilledPurchase[];
  /**
   * R28: the account-level add-ons the account holds, charged on this invoice (the
   * caller passes them to the primary subscription's only, so an add-on held through two
   * subscriptions is charged once), at a monthly price per user licence.
   */
  readonly accountAddOns: readonly { readonly addOnKey: string; readonly unitPrice: Money }[];
  /** R28: standard and additional user licences of the whole account at the start of the cycle. */
  readonly accountUserLicences: number;
  readonly usage: readonly UsageCharge[];
  /** Currency when the invoice has no priced line at all. */
  readonly currency: string;
}

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

/**
 * R26, R28, R29: the lines of one billing cycle of a subscription.
 *
 * - PLAN_SEATS: the term's quantity of the plan's seat type at the plan's seat price.
 * - ADD_ON_LICENSE: one line per add-on (R26): the term's add-ons, the account-level
 *   add-ons the account holds, on the account's user licences (R28), then the licences
 *   bought before the cycle started (a purchase made during the cycle was prorated on its
 *   own invoice, R27, and is charged in full from the next cycle).
 * - OVERAGE and USAGE: the usage charged to this subscription (R29), month by month, at
 *   the usage type's overage price (per unit of a month's peak or sum).
 *
 * Prices are per month; a cycle costs its interval's months. A last cycle cut short by
 * the term's end is charged for its share of a full cycle, to the second. Every amount is
 * rounded once, per line; the subtotal is the sum of the lines.
 */
export function buildCycleInvoice(input: CycleInvoiceInput): InvoiceDraft {
  const { cycle, billingInterval, term, plan, addOns } = input;
  const share = cycleShare(cycle);
  const lines: InvoiceLineDraft[] = [];
  const charge = (line: Omit<InvoiceLineDraft, 'amount' | 'period' | 'unitAmount'> & { monthly: Money }) => {
    if (line.quantity <= 0) return;
    const { monthly, ...rest } = line;
    const unitAmount = cycleUnitPrice(monthly, billingInterval);
    const amount = divideHalfUp(BigInt(unitAmount.amountMinor) * BigInt(line.quantity) * share.part, share.whole);
    lines.push({ ...rest, unitAmount, amount: money(Number(amount), unitAmount.currency), period: cycle });
  };

  if (plan) {
    const seats = term.items.find((item) => item.usageType === plan.seatUsageType);
    charge({
      kind: 'PLAN_SEATS',
      description: `${plan.name} seats`,
      quantity: seats?.quantity ?? 0,
      monthly: plan.seatPrice,
      usageType: plan.seatUsageType,
      addOnKey: null,
    });
  }

  const accountLevel = (key: string) => addOns.get(key)?.type === 'ACCOUNT_LEVEL';
  for (const subscribed of term.addOns) {
    const addOn = addOns.get(subscribed.addOnKey);
    if (!addOn || addOn.type === 'ACCOUNT_LEVEL') continue;
    charge({ kind: 'ADD_ON_LICENSE', description: `${addOn.name} licences`, quantity: subscribed.quantity, monthly: addOn.unitPrice, usageType: null, addOnKey: addOn.key });
  }
  for (const held of input.accountAddOns) {
    charge({
      kind: 'ADD_ON_LICENSE',
      description: `${addOns.get(held.addOnKey)?.name ?? held.addOnKey} for the account's user licences`,
      quantity: input.accountUserLicences,
      monthly: held.unitPrice,
      usageType: null,
      addOnKey: held.addOnKey,
    });
  }
  const boughtBefore = input.purchases.filter((p) => p.purchasedAt.getTime() < cycle.start.getTime() && !accountLevel(p.addOnKey));
  for (const bought of groupPurchases(boughtBefore)) {
    charge({
      kind: 'ADD_ON_LICENSE',
      description: `${addOns.get(bought.addOnKey)?.name ?? bought.addOnKey} licences (bought)`,
      quantity: bought.quantity,
      monthly: bought.unitPrice,
      usageType: null,
      addOnKey: bought.addOnKey,
    });
  }

  for (const usage of input.usage) {
    if (usage.quantity <= 0) continue;
    const definition = USAGE_TYPE_DEFINITIONS[usage.usageType];
    const unitAmount = definition.overageUnitPrice;
    lines.push({
      kind: usage.kind,
      description: `${definition.name} ${usage.kind === 'OVERAGE' ? 'over the entitlement' : 'used'}`,
      quantity: usage.quantity,
      unitAmount,
      amount: money(unitAmount.amountMinor * usage.quantity, unitAmount.currency),
      period: usage.period,
      usageType: usage.usageType,
      addOnKey: null,
    });
  }

  const currency = lines[0]?.amount.currency ?? plan?.seatPrice.currency ?? input.currency;
  return { period: cycle, lines, subtotal: sumMoney(lines.map((l) => l.amount), currency) };
}

/** Purchases of one add-on at one price charged as one line; lines in add-on order, so an invoice reads the same every time. */
function groupPurchases(purchases: readonly BilledPurchase[]): BilledPurchase[] {
  const groups = new Map<string, BilledPurchase>();
  for (const purchase of purchases) {
    const key = `${purchase.addOnKey}\u0000${purchase.unitPrice.currency}\u0000${purchase.unitPrice.amountMinor}`;
    const seen = groups.get(key);
    groups.set(key, seen ? { ...seen, quantity: seen.quantity + purchase.quantity } : purchase);
  }
  return [...groups.values()].sort((a, b) =>
    a.addOnKey < b.addOnKey ? -1 : a.addOnKey > b.addOnKey ? 1 : a.unitPrice.amountMinor - b.unitPrice.amountMinor,
  );
}

/** The cycle's share of a full one, in seconds: 1/1 for every cycle but a last one cut short. */
function cycleShare(cycle: BillingCycle): { part: bigint; whole: bigint } {
  const full = cycle.fullEnd.getTime() - cycle.start.getTime();
  const actual = cycle.end.getTime() - cycle.start.getTime();
  if (actual >= full) return { part: 1n, whole: 1n };
  return { part: BigInt(Math.round(actual / 1000)), whole: BigInt(Math.round(full / 1000)) };
}
