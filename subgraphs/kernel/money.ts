import { DomainError } from './domain-error';

/** Integer minor units (cents) and an ISO-4217 currency. No floating point anywhere. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

export function money(amountMinor: number, currency: string): Money {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new DomainError('BAD_USER_INPUT', 'an amount must be a whole number of minor units');
  }
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new DomainError('BAD_USER_INPUT', `"${currency}" is not an ISO-4217 currency code`);
  }
  return { amountMinor, currency };
}

/**
 * n / d rounded half-up (away from zero on .5), exact on integers of any size.
 * The one rounding policy of the graph: every amount is rounded once, per line.
 */
export function divideHalfUp(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) return divideHalfUp(-n, -d);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = (abs * 2n + d) / (2n * d);
  return negative ? -q : q;
}

/** Adds amounts of one currency; mixing currencies is a programming error. */
export function sumMoney(amounts: readonly Money[], currency: string): Money {
  let total = 0;
  for (const amount of amounts) {
    if (amount.currency !== currency) {
      throw new Error(`cannot add ${amount.currency} to ${currency}`);
    }
    total += amount.amountMinor;
  }
  return money(total, currency);
}
