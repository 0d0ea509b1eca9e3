import { assertWithin, BOUNDS } from '../../kernel/bounds';
import { DomainError } from '../../kernel/domain-error';
import type { Money } from '../../kernel/money';

const KEY = /^[a-z][a-z0-9_]{1,62}$/;

/** Catalog keys are stable identifiers clients put in URLs and code: lower snake case, 2 to 63 characters. */
export function assertCatalogKey(key: string, what: string): void {
  if (!KEY.test(key)) {
    throw new DomainError('BAD_USER_INPUT', `${what} key "${key}" must be lower case letters, digits and underscores`);
  }
}

/** Catalog prices are whole minor units per unit per month, from 0 (free) to R39's bound. */
export function assertPrice(price: Money, what: string): void {
  assertWithin(price.amountMinor, BOUNDS.unitPriceMinor, `${what} (minor units per month)`);
}
