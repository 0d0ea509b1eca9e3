import { DomainError } from './domain-error';
import { divideHalfUp, money, sumMoney } from './money';

describe('money', () => {
  it('divides rounding half up, away from zero, exactly', () => {
    expect(divideHalfUp(5n, 2n)).toBe(3n);
    expect(divideHalfUp(4n, 2n)).toBe(2n);
    expect(divideHalfUp(7n, 3n)).toBe(2n);
    expect(divideHalfUp(8n, 3n)).toBe(3n);
    expect(divideHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideHalfUp(5n, -2n)).toBe(-3n);
    expect(divideHalfUp(10n ** 30n + 1n, 2n)).toBe(5n * 10n ** 29n + 1n);
    expect(() => divideHalfUp(1n, 0n)).toThrow(RangeError);
  });

  it('holds integer minor units of an ISO currency only', () => {
    expect(money(1999, 'USD')).toEqual({ amountMinor: 1999, currency: 'USD' });
    expect(() => money(19.99, 'USD')).toThrow(DomainError);
    expect(() => money(1, 'usd')).toThrow(DomainError);
  });

  it('sums one currency and refuses to mix', () => {
    expect(sumMoney([money(1, 'EUR'), money(2, 'EUR')], 'EUR')).toEqual(money(3, 'EUR'));
    expect(() => sumMoney([money(1, 'EUR')], 'USD')).toThrow(/cannot add/);
  });
});
