import { DomainError } from '../../kernel/domain-error';
import { assertMappable, mappedSubscriptionAt } from './user-mapping';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('users mapped to a subscription (R12)', () => {
  const mappings = [
    { from: d('2026-01-01'), subscriptionId: 'sub_1' },
    { from: d('2026-07-01'), subscriptionId: 'sub_2' },
  ];

  it('R12: a user is mapped to the subscription of its latest mapping at t, and to none before the first', () => {
    expect(mappedSubscriptionAt(mappings, d('2025-12-31'))).toBeNull();
    expect(mappedSubscriptionAt(mappings, d('2026-01-01'))).toBe('sub_1');
    expect(mappedSubscriptionAt(mappings, d('2026-06-30'))).toBe('sub_1');
    expect(mappedSubscriptionAt([...mappings].reverse(), d('2026-07-01'))).toBe('sub_2');
    expect(mappedSubscriptionAt([], d('2026-07-01'))).toBeNull();
  });

  it("R12: a user is mapped only to a subscription of its own tenant", () => {
    expect(() => assertMappable('ten_a', { tenantId: 'ten_a' }, 'sub_1')).not.toThrow();
    expect(() => assertMappable('ten_a', { tenantId: 'ten_b' }, 'sub_1')).toThrow(DomainError);
    expect(() => assertMappable('ten_a', null, 'sub_1')).toThrow(/no subscription sub_1/);
  });
});
