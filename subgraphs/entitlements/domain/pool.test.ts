import { refusalCode as code } from '../../kernel/refusal-code';
import { assertAssignable, licencesFromSubscriptions, planAssignment, planUnassignment, poolBalance } from './pool';

describe('licence pools (R15 to R18, R21)', () => {
  it('R15: available = purchased − assigned, never negative', () => {
    expect(poolBalance(10, 4)).toEqual({ purchased: 10, assigned: 4, available: 6 });
    expect(poolBalance(3, 5).available).toBe(0);
  });

  it('R16: toggling on takes one available licence', () => {
    expect(planAssignment(poolBalance(5, 2), 1, 'AUTO_PURCHASE')).toEqual({ fromPool: 1, toBuy: 0, after: poolBalance(5, 3) });
  });

  it('R16: with nothing available, AUTO_PURCHASE buys one more licence and assigns it', () => {
    expect(planAssignment(poolBalance(5, 5), 1, 'AUTO_PURCHASE')).toEqual({ fromPool: 0, toBuy: 1, after: poolBalance(6, 6) });
  });

  it('R17: toggling off frees the licence to the pool and refunds nothing', () => {
    expect(planUnassignment(poolBalance(6, 6))).toEqual({ purchased: 6, assigned: 5, available: 1 });
  });

  it('R18: assigning N users takes what the pool has and buys exactly the gap', () => {
    expect(planAssignment(poolBalance(10, 7), 8, 'AUTO_PURCHASE')).toEqual({ fromPool: 3, toBuy: 5, after: poolBalance(15, 15) });
    expect(planAssignment(poolBalance(10, 0), 8, 'AUTO_PURCHASE').toBuy).toBe(0);
  });

  it('R21: under HARD_CAP an assignment beyond the purchased count is LICENSE_LIMIT_REACHED, all or nothing', () => {
    expect(code(() => planAssignment(poolBalance(100, 100), 1, 'HARD_CAP'))).toBe('LICENSE_LIMIT_REACHED');
    expect(code(() => planAssignment(poolBalance(100, 98), 3, 'HARD_CAP'))).toBe('LICENSE_LIMIT_REACHED');
    expect(planAssignment(poolBalance(100, 98), 2, 'HARD_CAP').after).toEqual(poolBalance(100, 100));
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
