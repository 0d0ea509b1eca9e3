import { firstTerm, renewedTerm } from './term-content';
import type { SubscriptionFacts } from './subscription-facts';
import { computeTenantOverage } from './tenant-overage';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

function agents(id: string, start: string, end: string, quantity: number): SubscriptionFacts {
  return {
    id,
    originalStartsAt: d(start),
    terms: [firstTerm({ startsAt: d(start), endsAt: d(end), items: [{ usageType: 'AGENT_STANDARD', quantity }], addOns: [] })],
  };
}

describe('tenant-wide overage (R9)', () => {
  const one = agents('sub_1', '2026-01-01', '2027-01-01', 10);
  const two = agents('sub_2', '2026-02-01', '2027-01-01', 15);
  const march = { from: d('2026-03-01'), to: d('2026-04-01'), usageType: 'AGENT_STANDARD' as const };

  it('R9: subscription 1 with 10 agents and subscription 2 with 15: no overage up to 25 agents in use', () => {
    for (const used of [0, 24, 25]) {
      expect(computeTenantOverage({ ...march, subscriptions: [one, two], used })).toMatchObject({ entitled: 25, used, overage: 0 });
    }
  });

  it('R9: above 25 the overage is the excess, charged to the primary subscription (R8)', () => {
    const result = computeTenantOverage({ ...march, subscriptions: [two, one], used: 31 });
    expect(result).toMatchObject({ entitled: 25, used: 31, overage: 6 });
    expect(result.chargedTo?.id).toBe('sub_1');
  });

  it('R9: only subscriptions active in the period count; a renewal mid-period counts once, with its larger quantity', () => {
    const expired = agents('sub_old', '2025-01-01', '2026-01-01', 100);
    const renewed: SubscriptionFacts = {
      ...one,
      terms: [...one.terms, renewedTerm(one.terms, { startsAt: d('2027-01-01'), endsAt: d('2028-01-01'), items: [{ usageType: 'AGENT_STANDARD', quantity: 12 }] })],
    };
    const december = { from: d('2026-12-15'), to: d('2027-01-15'), usageType: 'AGENT_STANDARD' as const };
    expect(computeTenantOverage({ ...december, subscriptions: [expired, renewed, two], used: 30 })).toMatchObject({ entitled: 27, overage: 3 });
  });

  it('R9: no subscription includes the type: everything used is overage, charged to nobody when none is active', () => {
    const result = computeTenantOverage({ from: d('2028-01-01'), to: d('2028-02-01'), usageType: 'AI_AGENT', subscriptions: [one], used: 7 });
    expect(result).toEqual({ usageType: 'AI_AGENT', entitled: 0, used: 7, overage: 7, chargedTo: null, chargedAt: null });
  });

  it('R9: charged to the subscription responsible at the last instant of the period at which one is active', () => {
    const ending = agents('sub_ending', '2026-01-01', '2026-03-15', 5);
    const result = computeTenantOverage({ ...march, subscriptions: [ending], used: 9 });
    expect(result.chargedTo?.id).toBe('sub_ending');
  });
});
