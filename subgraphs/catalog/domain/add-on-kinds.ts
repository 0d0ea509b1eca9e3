import { DomainError } from '../../kernel/domain-error';
import { assertName } from '../../kernel/text-input';
import { assertCatalogKey, assertPrice } from './catalog-keys';
import type { CatalogAddOn } from '../../kernel/catalog-model';
import { addOnTypeOf } from '../../kernel/add-on-types';

/**
 * R2 to R4: an add-on's type, seat model and usage type must make sense together.
 * A PROVISIONED add-on is assigned user by user (R2), so it is PER_SEAT; an
 * ACCOUNT_LEVEL add-on is held by every user and billed per user (R28), so it is
 * PER_SEAT too. Only OTHER add-ons may be ACCOUNT_WIDE (Zoom Virtual Agent, R3).
 */
export function validateAddOn(addOn: CatalogAddOn): void {
  assertCatalogKey(addOn.key, 'add-on');
  assertName(addOn.name, 'add-on');
  assertPrice(addOn.unitPrice, 'unit price');
  if (addOn.seatModel === 'ACCOUNT_WIDE' && !addOnTypeOf(addOn).mayBeAccountWide) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `a ${addOn.type} add-on is held per user, so it cannot be ACCOUNT_WIDE (only OTHER add-ons can)`,
    );
  }
}

/**
 * R2, R3: whether a licence of the add-on can be assigned to a user. Only PROVISIONED,
 * PER_SEAT add-ons are assigned; ACCOUNT_WIDE ones (one licence for the account),
 * ACCOUNT_LEVEL ones (every user holds them) and OTHER ones (not licence-gated) are not.
 */
export function isAssignable(addOn: Pick<CatalogAddOn, 'type' | 'seatModel'>): boolean {
  return addOnTypeOf(addOn).assignedPerUser && addOn.seatModel === 'PER_SEAT';
}

/** R4: an add-on is metered when it names a usage type. */
export function isMetered(addOn: Pick<CatalogAddOn, 'usageType'>): boolean {
  return addOn.usageType !== null;
}
