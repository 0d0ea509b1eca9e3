import type { FeatureAvailability } from '../../kernel/catalog-terms';
import { assertWithin, BOUNDS } from '../../kernel/bounds';
import { DomainError } from '../../kernel/domain-error';

export interface PurchaseFacts {
  readonly addOnKey: string;
  /** How the plans of the tenant's active subscriptions offer the add-on's features. */
  readonly availability: readonly FeatureAvailability[];
  /** An active subscription includes licences of it. */
  readonly inSubscription: boolean;
  /** Licences of it were bought before (self-service or by assigning). */
  readonly boughtBefore: boolean;
}

/**
 * R31: an add-on can be bought through self-service once, if a plan of the tenant offers
 * it as an add-on. Included in the plan, in a subscription, or bought before:
 * ALREADY_PURCHASED (more licences come from assigning it, R16, or from an operator).
 * Null when it can be bought; `selfServiceActions` offers buying exactly then.
 */
export function purchaseRefusal(facts: PurchaseFacts): DomainError | null {
  if (facts.availability.includes('INCLUDED')) {
    return new DomainError('ALREADY_PURCHASED', `${facts.addOnKey} is included in the tenant's plan`);
  }
  if (!facts.availability.includes('ADD_ON')) {
    return new DomainError('BAD_USER_INPUT', `${facts.addOnKey} is not offered as an add-on of the tenant's plans`);
  }
  if (facts.inSubscription || facts.boughtBefore) {
    return new DomainError('ALREADY_PURCHASED', `${facts.addOnKey} is already purchased; more licences come from assigning it or from an operator`);
  }
  return null;
}

export function assertPurchasable(facts: PurchaseFacts): void {
  const refusal = purchaseRefusal(facts);
  if (refusal) throw refusal;
}

/** R39: the licences a purchase or a quote asks for: a whole number from 1 to the bound of a subscription item. */
export function assertLicenceQuantity(quantity: number): void {
  assertWithin(quantity, BOUNDS.licencesPerItem, 'quantity', 1);
}
