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

  for (const subscribed of term.addOns) {
    const addOn = addOns.get(subscribed.addOnKey);
    // One billed on the user licences is charged with the account's (R28), not per licence of the term.
    if (!addOn || billedOnUserLicences(addOn)) continue;
    charge({ kind: 'ADD_ON_LICENSE', description: `${addOn.name} licences`, quantity: subscribed.quantity, monthly: addOn.unitPrice, usageType: null, addOnKey: addOn.key });
  }
  const fullSeconds = BigInt(Math.round((cycle.fullEnd.getTime() - cycle.start.getTime()) / 1000));
  for (const segment of input.account) {
    if (segment.quantity <= 0) continue;
    const name = addOns.get(segment.addOnKey)?.name ?? segment.addOnKey;
    const unitAmount = cycleUnitPrice(segment.unitPrice, billingInterval);
    const seconds = BigInt(Math.round((segment.period.end.getTime() - segment.period.start.getTime()) / 1000));
    lines.push({
      kind: 'ADD_ON_LICENSE',
      description: segment.basis === 'USER_LICENCES' ? `${name} for the account's user licences` : `${name} licences (bought)`,
      quantity: segment.quantity,
      unitAmount,
      amount: money(Number(divideHalfUp(BigInt(unitAmount.amountMinor) * BigInt(segment.quantity) * seconds, fullSeconds)), unitAmount.currency),
      period: segment.period,
      usageType: null,
      addOnKey: segment.addOnKey,
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

/** The cycle's share of a full one, in seconds: 1/1 for every cycle but a last one cut short. */
function cycleShare(cycle: BillingCycle): { part: bigint; whole: bigint } {
  const full = cycle.fullEnd.getTime() - cycle.start.getTime();
  const actual = cycle.end.getTime() - cycle.start.getTime();
  if (actual >= full) return { part: 1n, whole: 1n };
  return { part: BigInt(Math.round(actual / 1000)), whole: BigInt(Math.round(full / 1000)) };
}
