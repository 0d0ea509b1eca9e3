/**
 * The content of a subscription's terms as clients give it (R5, R7): the first term, a
 * renewal keeping each usage type's `since`, and what a term may hold (R39). Shared: the
 * rules about which subscription answers for what (R6, R7, R9) are tested on terms made
 * the way Subscriptions makes them.
 */
import { assertWithin, BOUNDS, itemBound } from './bounds';
import { DomainError } from './domain-error';
import type { SubscriptionTerm, TermAddOn, TermItem } from './subscription-terms';
import type { UsageType } from './usage-types';

export interface ItemInput {
  readonly usageType: UsageType;
  readonly quantity: number;
  readonly since?: Date | null;
}

export interface AddOnInput {
  readonly addOnKey: string;
  readonly quantity: number;
}

export interface FirstTermInput {
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly items: readonly ItemInput[];
  readonly addOns: readonly AddOnInput[];
}

export interface RenewalInput {
  /** Default: the end of the last term. */
  readonly startsAt?: Date | null;
  readonly endsAt: Date;
  /** Default: the last term's items. */
  readonly items?: readonly ItemInput[] | null;
  /** Default: the last term's add-ons. */
  readonly addOns?: readonly AddOnInput[] | null;
}

/**
 * R5: the first term of a subscription. Each item is dated `since` its first inclusion:
 * the given date (a subscription migrated from elsewhere) or the term's start; never
 * after the start, since the term includes it from its start.
 */
export function firstTerm(input: FirstTermInput): SubscriptionTerm {
  assertWindow(input.startsAt, input.endsAt);
  const items = validItems(input.items).map(
    (item): TermItem => ({ usageType: item.usageType, quantity: item.quantity, since: item.since ?? input.startsAt }),
  );
  for (const item of items) {
    if (item.since.getTime() > input.startsAt.getTime()) {
      throw new DomainError('BAD_USER_INPUT', `${item.usageType} cannot be included since after the term starts`);
    }
  }
  return { startsAt: input.startsAt, endsAt: input.endsAt, items, addOns: validAddOns(input.addOns) };
}

/**
 * R5, R7: a renewal extends the same subscription with a new term that starts when the
 * last one ends or later (a gap is not active). Usage types the last term included keep
 * their `since`, even across a gap (SPEC R7: "renewal keeps that date"); types it did
 * not include, new or added back after a renewal dropped them, are dated at the new start.
 */
export function renewedTerm(terms: readonly SubscriptionTerm[], input: RenewalInput): SubscriptionTerm {
  const last = terms[terms.length - 1];
  if (!last) throw new Error('a subscription has at least one term');
  const startsAt = input.startsAt ?? last.endsAt;
  if (startsAt.getTime() < last.endsAt.getTime()) {
    throw new DomainError('BAD_USER_INPUT', `a renewal starts when the current term ends (${last.endsAt.toISOString()}) or later`);
  }
  assertWindow(startsAt, input.endsAt);
  const previous = new Map(last.items.map((item) => [item.usageType, item]));
  const items = (input.items ? validItems(input.items) : last.items).map(
    (item): TermItem => ({
      usageType: item.usageType,
      quantity: item.quantity,
      since: previous.get(item.usageType)?.since ?? startsAt,
    }),
  );
  return { startsAt, endsAt: input.endsAt, items, addOns: input.addOns ? validAddOns(input.addOns) : last.addOns };
}

function assertWindow(startsAt: Date, endsAt: Date): void {
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw new DomainError('BAD_USER_INPUT', 'a term must end after it starts');
  }
}

function validItems(items: readonly ItemInput[]): readonly ItemInput[] {
  const seen = new Set<UsageType>();
  for (const item of items) {
    assertWithin(item.quantity, itemBound(item.usageType), `the quantity of ${item.usageType}`);
    if (seen.has(item.usageType)) throw new DomainError('BAD_USER_INPUT', `${item.usageType} is listed twice`);
    seen.add(item.usageType);
  }
  return items;
}

function validAddOns(addOns: readonly AddOnInput[]): TermAddOn[] {
  const seen = new Set<string>();
  for (const addOn of addOns) {
    assertWithin(addOn.quantity, BOUNDS.licencesPerItem, `the quantity of add-on ${addOn.addOnKey}`);
    if (seen.has(addOn.addOnKey)) throw new DomainError('BAD_USER_INPUT', `add-on ${addOn.addOnKey} is listed twice`);
    seen.add(addOn.addOnKey);
  }
  return addOns.map((a) => ({ addOnKey: a.addOnKey, quantity: a.quantity }));
}

