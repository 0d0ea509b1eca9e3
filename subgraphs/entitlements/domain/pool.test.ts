import { refusalCode as code } from '../../../test/support/refusal-code';
import { licencesFromSubscriptions } from '../../kernel/pool-capacity';
import { assertAssignable, planUnassignment, poolBalance } from './pool';

describe('licence pools (R15 to R18, R21)', () => {
  it('R15: available = purchased − assigned, never negative', () => {
    expect(poolBalance(10, 4)).toEqual({ purchased: 10, assigned: 4, available: 6, seatCover: 0 });
    expect(poolBalance(3, 5).available).toBe(0);
  });

  it('R17: toggling off frees the licence to the pool and refunds nothing', () => {
    expect(planUnassignment(poolBalance(6, 6))).toEqual({ purchased: 6, assigned: 5, available: 1, seatCover: 0 });
  });

  it('R2, R3: only PROVISIONED per-seat add-ons are assignable (NOT_ASSIGNABLE otherwise)', () => {
    expect(code(() => assertAssignable({ key: 'ai_assist', type: 'PROVISIONED', seatModel: 'PER_SEAT' }))).toBe('accepted');
    expect(code(() => assertAssignable({ key: 'zoom_virtual_agent', type: 'OTHER', seatModel: 'ACCOUNT_WIDE' }))).toBe('NOT_ASSIGNABLE');
    expect(code(() => assertAssignable({ key: 'analytics_plus', type: 'ACCOUNT_LEVEL', seatModel: 'PER_SEAT' }))).toBe('NOT_ASSIGNABLE');
    expect(code(() => assertAssignable({ key: 'webchat', type: 'OTHER', seatModel: 'PER_SEAT' }))).toBe('NOT_ASSIGNABLE');
  });
});

describe('licences from subscriptions (R15)', () => {
  const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
  it('R15: the pool holds the add-on quantities of the subscriptions active at t', () => {
    const subs = [
      { terms: [{ startsAt: d('2026-01-01'), endsAt: d('2027-01-01'), addOns: [{ addOnKey: 'ai_assist', quantity: 10 }] }] },
      { terms: [{ startsAt: d('2026-06-01'), endsAt: d('2027-06-01'), addOns: [{ addOnKey: 'ai_assist', quantity: 5 }, { addOnKey: 'whatsapp', quantity: 2 }] }] },
    ];
    expect(licencesFromSubscriptions(subs, 'ai_assist', d('2026-03-01'))).toBe(10);
    expect(licencesFromSubscriptions(subs, 'ai_assist', d('2026-07-01'))).toBe(15);
    expect(licencesFromSubscriptions(subs, 'ai_assist', d('2027-03-01'))).toBe(5);
    expect(licencesFromSubscriptions(subs, 'whatsapp', d('2026-03-01'))).toBe(0);
  });
});
