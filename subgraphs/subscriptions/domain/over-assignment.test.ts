import { refusalCode } from '../../../test/support/refusal-code';
import type { SubscriptionTerm } from '../../kernel/subscription-terms';
import { assertNoSilentOverAssignment, shortfallsAt, type PoolHoldingFact } from './over-assignment';

const d = (iso: string) => new Date(iso);
const term = (startsAt: string, endsAt: string, seats: number, addOns: { addOnKey: string; quantity: number }[] = []): SubscriptionTerm => ({
  startsAt: d(startsAt),
  endsAt: d(endsAt),
  items: [{ usageType: 'AGENT_STANDARD', quantity: seats, since: d(startsAt) }],
  addOns,
});
const includes = (planKey: string, addOnKey: string) => planKey === 'zoom_elite' && addOnKey === 'quality_management';
const AT = d('2027-01-01T00:00:00Z');

describe('what a change leaves short (R36, R37)', () => {
  it('R36: a renewal that cuts AI Assist from 5 to 1, with 2 bought and 7 assigned, leaves 4 to end; going on as it is, none', () => {
    const before = [{ licensingModel: 'NAMED' as const, planKey: 'aircall_essentials', terms: [term('2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z', 10, [{ addOnKey: 'ai_assist', quantity: 5 }])] }];
    const after = [{ ...before[0]!, terms: [term('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 10, [{ addOnKey: 'ai_assist', quantity: 5 }]), term('2027-01-01T00:00:00Z', '2028-01-01T00:00:00Z', 10, [{ addOnKey: 'ai_assist', quantity: 1 }])] }];
    const holdings: PoolHoldingFact[] = [{ addOnKey: 'ai_assist', holders: 7, covered: 0, bought: 2 }];
    const shortfalls = shortfallsAt({ subscriptions: after, baseline: before, includesAddOn: includes, holdings, at: AT });
    expect(shortfalls).toEqual([{ addOnKey: 'ai_assist', licences: 3, holders: 7, mustEnd: 4 }]);
    expect(refusalCode(() => assertNoSilentOverAssignment(shortfalls, { overAssignment: 'REFUSE', releases: [] }, 'this renewal', AT))).toBe('LICENSE_LIMIT_REACHED');
    expect(refusalCode(() => assertNoSilentOverAssignment(shortfalls, { overAssignment: 'NEWEST_FIRST', releases: [] }, 'this renewal', AT))).toBe('accepted');
    expect(refusalCode(() => assertNoSilentOverAssignment(shortfalls, { overAssignment: 'REFUSE', releases: [{ addOnKey: 'ai_assist', userIds: ['a', 'b', 'c', 'd'] }] }, 'this renewal', AT))).toBe('accepted');
    expect(refusalCode(() => assertNoSilentOverAssignment(shortfalls, { overAssignment: 'REFUSE', releases: [{ addOnKey: 'ai_assist', userIds: ['a', 'b', 'c', 'c'] }] }, 'this renewal', AT))).toBe('LICENSE_LIMIT_REACHED');
  });

  it('R37: an Elite cover does not make up for licences the others hold: cutting a Premium subscription’s QM licences leaves its holders short', () => {
    const elite = { licensingModel: 'CONCURRENT' as const, planKey: 'zoom_elite', terms: [term('2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z', 10)] };
    const premium = (qm: number) => ({ licensingModel: 'CONCURRENT' as const, planKey: 'zoom_premium', terms: [term('2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z', 3, [{ addOnKey: 'quality_management', quantity: qm }])] });
    const premiumHolders: PoolHoldingFact[] = [{ addOnKey: 'quality_management', holders: 3, covered: 0, bought: 0 }];
    expect(shortfallsAt({ subscriptions: [elite, premium(0)], baseline: [elite, premium(3)], includesAddOn: includes, holdings: premiumHolders, at: AT })).toEqual([
      { addOnKey: 'quality_management', licences: 10, holders: 3, mustEnd: 3 },
    ]);
    // Held by Elite users, the seats cover them: nothing to end.
    const eliteHolders: PoolHoldingFact[] = [{ addOnKey: 'quality_management', holders: 3, covered: 3, bought: 0 }];
    expect(shortfallsAt({ subscriptions: [elite, premium(0)], baseline: [elite, premium(3)], includesAddOn: includes, holdings: eliteHolders, at: AT })).toEqual([]);
  });
});
