import type { BillingCycle, BillingInterval } from '../../kernel/billing-cycle';
import type { CatalogAddOn, CatalogPlan } from '../../kernel/catalog-model';
import type { Interval } from '../../kernel/instant';
import { divideHalfUp, money, sumMoney, type Money } from '../../kernel/money';
import { cycleUnitPrice } from '../../kernel/proration';
import type { SubscriptionTerm } from '../../kernel/subscription-terms';
import { USAGE_TYPE_DEFINITIONS, type UsageType } from '../../kernel/usage-types';
import type { AccountSegment } from './account-charges';
import { billedOnUserLicences } from '../../kernel/add-on-types';

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
   * R28, R38: what the account holds on the seconds of this cycle the subscription is
   * primary: licences bought and account-level add-ons (domain/account-charges.ts).
   */
  readonly account: readonly AccountSegment[];
  readonly usage: readonly UsageCharge[];
  /** Currency when the invoice has no priced line at all. */
  readonly currency: string;
}

/**
 * R26, R28, R29: the lines of one billing cycle of a subscription.
 *
 * - PLAN_SEATS: the term's quantity of the plan's seat type at the plan's seat price.
 * - ADD_ON_LICENSE: one line per add-on (R26): the term's add-ons; then the account's
 *   charges (R28, R38), one line per stretch of the cycle at one quantity: account-level
 *   add-ons on the account's user licences, and licences bought, for the seconds this
 *   subscription is the primary one and no purchase's own invoice covered (R27).
 * - OVERAGE and USAGE: the usage charged to this subscription (R29), month by month, at
 *   the usage type's overage price (per unit of a month's peak or sum).
 *
 * Prices are per month; a cycle costs its interval's months. A last cycle cut short by
 * the term's end is charged for its share of a full cycle, to the second. Every amount is
 * rounded once, per line; the subtotal is the sum of the lines.
 */
export function buildCycleInvoice(input: CycleInvoiceInput): InvoiceDraft {
  const lines = [...planSeatLines(input), ...termAddOnLines(input), ...accountLines(input), ...usageLines(input)];
  const currency = lines[0]?.amount.currency ?? input.plan?.seatPrice.currency ?? input.currency;
  return { period: input.cycle, lines, subtotal: sumMoney(lines.map((l) => l.amount), currency) };
}

type CycleCharge = Omit<InvoiceLineDraft, 'amount' | 'period' | 'unitAmount'> & { readonly monthly: Money };

/** A line of the term's content over the cycle: a monthly price for the interval's months, the cycle's share of it. None for no quantity. */
function cycleLine({ cycle, billingInterval }: CycleInvoiceInput, line: CycleCharge): InvoiceLineDraft[] {
  if (line.quantity <= 0) return [];
  const { monthly, ...rest } = line;
  const share = cycleShare(cycle);
  const unitAmount = cycleUnitPrice(monthly, billingInterval);
  const amount = divideHalfUp(BigInt(unitAmount.amountMinor) * BigInt(line.quantity) * share.part, share.whole);
  return [{ ...rest, unitAmount, amount: money(Number(amount), unitAmount.currency), period: cycle }];
}

/** PLAN_SEATS: the term's quantity of the plan's seat type at the plan's seat price. */
function planSeatLines(input: CycleInvoiceInput): InvoiceLineDraft[] {
  const { plan, term } = input;
  if (!plan) return [];
  const seats = term.items.find((item) => item.usageType === plan.seatUsageType);
  return cycleLine(input, { kind: 'PLAN_SEATS', description: `${plan.name} seats`, quantity: seats?.quantity ?? 0, monthly: plan.seatPrice, usageType: plan.seatUsageType, addOnKey: null });
}

/** ADD_ON_LICENSE: the term's add-ons, one line each, but those billed on the user licences (R28: charged with the account's). */
function termAddOnLines(input: CycleInvoiceInput): InvoiceLineDraft[] {
  return input.term.addOns.flatMap((subscribed) => {
    const addOn = input.addOns.get(subscribed.addOnKey);
    if (!addOn || billedOnUserLicences(addOn)) return [];
    return cycleLine(input, { kind: 'ADD_ON_LICENSE', description: `${addOn.name} licences`, quantity: subscribed.quantity, monthly: addOn.unitPrice, usageType: null, addOnKey: addOn.key });
  });
}

/** ADD_ON_LICENSE (R28, R38): the account's charges, one line per stretch of the cycle at one quantity, to the second of a full cycle. */
function accountLines({ cycle, billingInterval, addOns, account }: CycleInvoiceInput): InvoiceLineDraft[] {
  const fullSeconds = BigInt(Math.round((cycle.fullEnd.getTime() - cycle.start.getTime()) / 1000));
  return account.flatMap((segment) => {
    if (segment.quantity <= 0) return [];
    const name = addOns.get(segment.addOnKey)?.name ?? segment.addOnKey;
    const unitAmount = cycleUnitPrice(segment.unitPrice, billingInterval);
    const seconds = BigInt(Math.round((segment.period.end.getTime() - segment.period.start.getTime()) / 1000));
    const amount = divideHalfUp(BigInt(unitAmount.amountMinor) * BigInt(segment.quantity) * seconds, fullSeconds);
    const description = segment.basis === 'USER_LICENCES' ? `${name} for the account's user licences` : `${name} licences (bought)`;
    return [{ kind: 'ADD_ON_LICENSE' as const, description, quantity: segment.quantity, unitAmount, amount: money(Number(amount), unitAmount.currency), period: segment.period, usageType: null, addOnKey: segment.addOnKey }];
  });
}

/** OVERAGE and USAGE (R29): month by month, at the usage type's overage price per unit of a month's peak or sum. */
function usageLines(input: CycleInvoiceInput): InvoiceLineDraft[] {
  return input.usage.flatMap((usage) => {
    if (usage.quantity <= 0) return [];
    const definition = USAGE_TYPE_DEFINITIONS[usage.usageType];
    const unitAmount = definition.overageUnitPrice;
    const description = `${definition.name} ${usage.kind === 'OVERAGE' ? 'over the entitlement' : 'used'}`;
    return [{ kind: usage.kind, description, quantity: usage.quantity, unitAmount, amount: money(unitAmount.amountMinor * usage.quantity, unitAmount.currency), period: usage.period, usageType: usage.usageType, addOnKey: null }];
  });
}

/** The cycle's share of a full one, in seconds: 1/1 for every cycle but a last one cut short. */
function cycleShare(cycle: BillingCycle): { part: bigint; whole: bigint } {
  const full = cycle.fullEnd.getTime() - cycle.start.getTime();
  const actual = cycle.end.getTime() - cycle.start.getTime();
  if (actual >= full) return { part: 1n, whole: 1n };
  return { part: BigInt(Math.round(actual / 1000)), whole: BigInt(Math.round(full / 1000)) };
}
