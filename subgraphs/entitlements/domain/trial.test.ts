import type { Principal } from '../../kernel/principal';
import { inGracePeriod } from './enforcement';
import { assertMayStartTrial, assertNewTrial, trialActiveAt } from './trial';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const rw = ['licensing:read', 'licensing:write'] as const;
const customer = (role: 'OWNER' | 'ADMIN' | 'SUPERVISOR' | 'AGENT'): Principal => ({ kind: 'customer', sub: 'u', tenantId: 't', role, scopes: [...rw] });

describe('trials (R19) and enforcement dates (R20)', () => {
  const trials = [{ startsAt: d('2026-06-01'), endsAt: d('2026-06-15') }];

  it('R19: during a trial every user has access; before and after it, not by the trial', () => {
    expect(trialActiveAt(trials, d('2026-06-01'))).toBe(true);
    expect(trialActiveAt(trials, d('2026-06-14'))).toBe(true);
    expect(trialActiveAt(trials, d('2026-06-15'))).toBe(false);
    expect(trialActiveAt(trials, d('2026-05-31'))).toBe(false);
  });

  it('R19: only owners and admins start a trial', () => {
    expect(() => assertMayStartTrial(customer('OWNER'))).not.toThrow();
    expect(() => assertMayStartTrial(customer('ADMIN'))).not.toThrow();
    expect(() => assertMayStartTrial(customer('SUPERVISOR'))).toThrow(/owners and admins/);
    expect(() => assertMayStartTrial(customer('AGENT'))).toThrow(/owners and admins/);
  });

  it('R19: a trial ends after it starts and does not overlap another of the same add-on', () => {
    expect(() => assertNewTrial(trials, { startsAt: d('2026-06-10'), endsAt: d('2026-07-01') })).toThrow(/runs until/);
    expect(() => assertNewTrial(trials, { startsAt: d('2026-07-01'), endsAt: d('2026-07-01') })).toThrow(/end after/);
    expect(() => assertNewTrial(trials, { startsAt: d('2026-06-15'), endsAt: d('2026-07-01') })).not.toThrow();
  });

  it('R20: before the enforcement date everyone keeps access; from it on, only the licensed', () => {
    expect(inGracePeriod(d('2026-06-30'), d('2026-06-29'))).toBe(true);
    expect(inGracePeriod(d('2026-06-30'), d('2026-06-30'))).toBe(false);
    expect(inGracePeriod(null, d('2026-06-29'))).toBe(false);
  });
});
