import type { BillingInterval } from '../../kernel/billing-cycle';
import type { SubscriptionSnapshot } from '../../kernel/integration-events';
import { booleanOf, instantOf, jsonOf } from '../../runtime/plain-rows';
import type { SubscriptionTerm } from '../../kernel/subscription-terms';
import type { SubscriptionFacts } from '../../kernel/subscription-facts';
import type { StoredAddOn, StoredItem, SubscriptionTermRow } from './subscription-term.entity';
import type { SubscriptionRow } from './subscription.entity';

/** A subscription with its terms in order: what resolvers, rules and events work with. */
export interface SubscriptionView extends SubscriptionFacts {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly department: string;
  readonly planKey: string;
  readonly licensingModel: 'NAMED' | 'CONCURRENT';
  readonly telephony: string;
  readonly offer: 'FLEX' | 'FLEX_3' | 'STANDARD';
  readonly hybrid: boolean;
  readonly billingInterval: BillingInterval;
  readonly originalStartsAt: Date;
  readonly createdAt: Date;
}

export function toTerm(row: SubscriptionTermRow): SubscriptionTerm {
  return {
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    items: row.items.map((item) => ({ usageType: item.usageType, quantity: item.quantity, since: new Date(item.since) })),
    addOns: row.addOns.map((addOn) => ({ addOnKey: addOn.addOnKey, quantity: addOn.quantity })),
  };
}

export function storedItems(term: SubscriptionTerm): StoredItem[] {
  return term.items.map((item) => ({ usageType: item.usageType, quantity: item.quantity, since: item.since.toISOString() }));
}

/** Joins a subscription row with its term rows (any order) into a view with terms sorted by start. */
export function toView(row: SubscriptionRow, termRows: readonly SubscriptionTermRow[]): SubscriptionView {
  const terms = [...termRows].sort((a, b) => a.seq - b.seq).map(toTerm);
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    department: row.department,
    planKey: row.planKey,
    licensingModel: row.licensingModel,
    telephony: row.telephony,
    offer: row.offer,
    hybrid: row.hybrid,
    billingInterval: row.billingInterval,
    originalStartsAt: row.originalStartsAt,
    createdAt: row.createdAt,
    terms,
  };
}

/** The subscription as SubscriptionChanged carries it. */
export function toSnapshot(view: SubscriptionView): SubscriptionSnapshot {
  return {
    subscriptionId: view.id,
    tenantId: view.tenantId,
    name: view.name,
    planKey: view.planKey,
    licensingModel: view.licensingModel,
    telephony: view.telephony,
    billingInterval: view.billingInterval,
    originalStartsAt: view.originalStartsAt.toISOString(),
    terms: view.terms.map((term) => ({
      startsAt: term.startsAt.toISOString(),
      endsAt: term.endsAt.toISOString(),
      items: storedItems(term),
      addOns: term.addOns.map((a) => ({ addOnKey: a.addOnKey, quantity: a.quantity })),
    })),
  };
}

/** A term from a plain QueryBuilder row (no hydration; see runtime/plain-rows.ts). */
export function termFromPlainRow(row: Record<string, unknown>): SubscriptionTerm & { subscriptionId: string; seq: number } {
  return {
    subscriptionId: row.subscriptionId as string,
    seq: Number(row.seq),
    startsAt: instantOf(row.startsAt),
    endsAt: instantOf(row.endsAt),
    items: jsonOf<StoredItem[]>(row.items).map((item) => ({ usageType: item.usageType, quantity: item.quantity, since: new Date(item.since) })),
    addOns: jsonOf<StoredAddOn[]>(row.addOns),
  };
}

/** A subscription view from a plain row and its terms (any order). */
export function viewFromPlainRow(row: Record<string, unknown>, terms: readonly (SubscriptionTerm & { seq: number })[]): SubscriptionView {
  return {
    id: row.id as string,
    tenantId: row.tenantId as string,
    name: row.name as string,
    department: row.department as string,
    planKey: row.planKey as string,
    licensingModel: row.licensingModel as SubscriptionView['licensingModel'],
    telephony: row.telephony as string,
    offer: row.offer as SubscriptionView['offer'],
    hybrid: booleanOf(row.hybrid),
    billingInterval: row.billingInterval as SubscriptionView['billingInterval'],
    originalStartsAt: instantOf(row.originalStartsAt),
    createdAt: instantOf(row.createdAt),
    terms: [...terms].sort((a, b) => a.seq - b.seq).map(({ startsAt, endsAt, items, addOns }) => ({ startsAt, endsAt, items, addOns })),
  };
}
