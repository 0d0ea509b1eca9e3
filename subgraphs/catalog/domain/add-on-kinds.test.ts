import { DomainError } from '../../kernel/domain-error';
import { isAssignable, isMetered, validateAddOn } from './add-on-kinds';
import type { CatalogAddOn } from '../../kernel/catalog-model';

const addOn = (overrides: Partial<CatalogAddOn> = {}): CatalogAddOn => ({
  key: 'ai_assist',
  name: 'AI Assist',
  productLine: 'AIRCALL',
  type: 'PROVISIONED',
  seatModel: 'PER_SEAT',
  usageType: null,
  exhaustionPolicy: 'AUTO_PURCHASE',
  unitPrice: { amountMinor: 900, currency: 'USD' },
  ...overrides,
});

describe('add-on kinds (R2 to R4)', () => {
  it('R2: PROVISIONED per-seat add-ons are assigned to users; ACCOUNT_LEVEL and OTHER ones are not', () => {
    expect(isAssignable(addOn())).toBe(true);
    expect(isAssignable(addOn({ type: 'ACCOUNT_LEVEL' }))).toBe(false);
    expect(isAssignable(addOn({ type: 'OTHER' }))).toBe(false);
  });

  it('R3: an ACCOUNT_WIDE add-on (Zoom Virtual Agent) is never assignable, and only OTHER add-ons may be ACCOUNT_WIDE', () => {
    expect(isAssignable(addOn({ type: 'OTHER', seatModel: 'ACCOUNT_WIDE' }))).toBe(false);
    expect(() => validateAddOn(addOn({ type: 'OTHER', seatModel: 'ACCOUNT_WIDE' }))).not.toThrow();
    for (const type of ['PROVISIONED', 'ACCOUNT_LEVEL'] as const) {
      expect(() => validateAddOn(addOn({ type, seatModel: 'ACCOUNT_WIDE' }))).toThrow(DomainError);
    }
  });

  it('R4: an add-on is metered when it names a usage type', () => {
    expect(isMetered(addOn({ usageType: 'AI_AGENT' }))).toBe(true);
    expect(isMetered(addOn())).toBe(false);
  });

  it('refuses a negative price, an empty name and a malformed key with BAD_USER_INPUT', () => {
    for (const bad of [{ unitPrice: { amountMinor: -1, currency: 'USD' } }, { name: '' }, { key: 'AI-Assist' }]) {
      try {
        validateAddOn(addOn(bad));
        throw new Error('accepted');
      } catch (error) {
        expect((error as DomainError).code).toBe('BAD_USER_INPUT');
      }
    }
  });
});
