import type { SubscriptionTerm } from './subscription-terms';
import type { UsageType } from './usage-types';
import { findPrimarySubscription } from './primary-subscription';
import { pickResponsibleSubscription } from './responsible-subscription';
import { firstTerm, renewedTerm } from './term-content';
import type { SubscriptionFacts } from './subscription-facts';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const items = (...types: UsageType[]) => types.map((usageType) => ({ usageType, quantity: 10 }));

function subscription(id: string, start: string, end: string, types: UsageType[]): SubscriptionFacts {
  return { id, originalStartsAt: d(start), terms: [firstTerm({ startsAt: d(start), endsAt: d(end), items: items(...types), addOns: [] })] };
}

function renew(s: SubscriptionFacts, start: string, end: string, types?: UsageType[]): SubscriptionFacts {
  const term: SubscriptionTerm = renewedTerm(s.terms, { startsAt: d(start), endsAt: d(end), items: types ? items(...types) : null });
  return { ...s, terms: [...s.terms, term] };
}

const responsible = (subs: SubscriptionFacts[], type: UsageType, at: string) => pickResponsibleSubscription(subs, type, d(at))?.id ?? null;

describe('responsible subscription per usage type (R7, R8)', () => {
  // The SPEC's worked example, step by step.
  const A0 = subscription('sub_A', '2026-01-01', '2026-06-01', ['AI_AGENT', 'AI_ASSISTANT']);
  const B = subscription('sub_B', '2026-02-01', '2027-02-01', ['AI_AGENT', 'AI_ASSISTANT']);
  const C = subscription('sub_C', '2026-07-01', '2027-07-01', ['AI_AGENT', 'AI_ASSISTANT', 'IVR_OUTBOUND_CAMPAIGN']);
  const A1 = renew(A0, '2026-08-01', '2027-08-01', ['AI_AGENT', 'AI_ASSISTANT', 'IVR_OUTBOUND_CAMPAIGN']);

  it('R7: A is created before B, both with AI_AGENT and AI_ASSISTANT: A is responsible for both', () => {
    expect(responsible([A0, B], 'AI_AGENT', '2026-03-01')).toBe('sub_A');
    expect(responsible([A0, B], 'AI_ASSISTANT', '2026-03-01')).toBe('sub_A');
  });

  it('R7: A expires and C is added with the AI types and IVR outbound: B for the AI types, C for IVR outbound', () => {
    const subs = [A0, B, C];
    expect(responsible(subs, 'AI_AGENT', '2026-07-15')).toBe('sub_B');
    expect(responsible(subs, 'AI_ASSISTANT', '2026-07-15')).toBe('sub_B');
    expect(responsible(subs, 'IVR_OUTBOUND_CAMPAIGN', '2026-07-15')).toBe('sub_C');
  });

  it('R7: A is renewed and adds IVR outbound: A again for the AI types (it had them first), C stays for IVR outbound', () => {
    const subs = [A1, B, C];
    expect(responsible(subs, 'AI_AGENT', '2026-08-15')).toBe('sub_A');
    expect(responsible(subs, 'AI_ASSISTANT', '2026-08-15')).toBe('sub_A');
    expect(responsible(subs, 'IVR_OUTBOUND_CAMPAIGN', '2026-08-15')).toBe('sub_C');
    expect(A1.terms[1]!.items.find((i) => i.usageType === 'AI_AGENT')!.since).toEqual(d('2026-01-01'));
    expect(A1.terms[1]!.items.find((i) => i.usageType === 'IVR_OUTBOUND_CAMPAIGN')!.since).toEqual(d('2026-08-01'));
  });

  it('R7: the answer depends on the instant asked (R34): the gap before A renews is still B', () => {
    expect(responsible([A1, B, C], 'AI_AGENT', '2026-07-31')).toBe('sub_B');
    expect(responsible([A1, B, C], 'AI_AGENT', '2026-05-31')).toBe('sub_A');
  });

  it('R7: no active subscription that includes the type: null', () => {
    expect(responsible([A0, B], 'IVR_OUTBOUND_CAMPAIGN', '2026-03-01')).toBeNull();
    expect(responsible([A0], 'AI_AGENT', '2026-06-01')).toBeNull();
    expect(responsible([], 'AI_AGENT', '2026-06-01')).toBeNull();
  });

  it('R7: equal dates: the senior subscription (earlier original start, then earlier created) wins, whatever the order given', () => {
    const X = subscription('sub_X', '2026-01-01', '2027-01-01', ['AI_AGENT']);
    const Y = subscription('sub_Y', '2026-01-01', '2027-01-01', ['AI_AGENT']);
    expect(responsible([X, Y], 'AI_AGENT', '2026-03-01')).toBe('sub_X');
    expect(responsible([Y, X], 'AI_AGENT', '2026-03-01')).toBe('sub_X');
    // Same `since`, migrated from elsewhere, but Z started later: seniority decides.
    const Z = { ...subscription('sub_0', '2026-02-01', '2027-01-01', []), terms: [firstTerm({ startsAt: d('2026-02-01'), endsAt: d('2027-01-01'), items: [{ usageType: 'AI_AGENT', quantity: 1, since: d('2026-01-01') }], addOns: [] })] };
    expect(responsible([Z, X], 'AI_AGENT', '2026-03-01')).toBe('sub_X');
  });

  it('R7: a subscription that had a type, dropped it at a renewal and got it back later, counts from when it got it back', () => {
    const P0 = subscription('sub_P', '2026-01-01', '2026-04-01', ['AI_AGENT']);
    const P1 = renew(P0, '2026-04-01', '2026-07-01', []);
    const P2 = renew(P1, '2026-07-01', '2027-07-01', ['AI_AGENT']);
    const Q = subscription('sub_Q', '2026-03-01', '2027-03-01', ['AI_AGENT']);
    expect(responsible([P2, Q], 'AI_AGENT', '2026-02-01')).toBe('sub_P');
    expect(responsible([P2, Q], 'AI_AGENT', '2026-05-01')).toBe('sub_Q');
    expect(responsible([P2, Q], 'AI_AGENT', '2026-08-01')).toBe('sub_Q');
    expect(P2.terms[2]!.items[0]!.since).toEqual(d('2026-07-01'));
  });

  it('R8: agents, IVR and Webex Connect are charged to the primary subscription, whatever includes them', () => {
    const old = subscription('sub_old', '2026-01-01', '2027-01-01', ['AI_AGENT']);
    const young = subscription('sub_young', '2026-02-01', '2027-01-01', ['AGENT_STANDARD', 'IVR', 'WEBEX_CONNECT', 'AGENT_PREMIUM']);
    for (const type of ['AGENT_STANDARD', 'AGENT_PREMIUM', 'IVR', 'WEBEX_CONNECT'] as const) {
      expect(responsible([young, old], type, '2026-03-01')).toBe('sub_old');
    }
    expect(responsible([young, old], 'WEBEX_CONNECT', '2027-01-01')).toBeNull();
  });
});

describe('primary subscription (R6)', () => {
  it('R6: the oldest subscription active at t; a renewal keeps its original start', () => {
    const A = renew(subscription('sub_A', '2026-01-01', '2026-06-01', []), '2026-08-01', '2027-08-01');
    const B = subscription('sub_B', '2026-02-01', '2027-02-01', []);
    const at = (iso: string) => findPrimarySubscription([B, A], d(iso))?.id ?? null;
    expect(at('2026-03-01')).toBe('sub_A');
    expect(at('2026-07-01')).toBe('sub_B');
    expect(at('2026-09-01')).toBe('sub_A');
    expect(at('2025-12-31')).toBeNull();
    expect(at('2027-09-01')).toBeNull();
  });

  it('R6: is linear in the number of subscriptions (1,000 answer at once)', () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      subscription(`sub_${String(i).padStart(4, '0')}`, `20${10 + (i % 10)}-01-01`, '2030-01-01', ['AI_AGENT']),
    );
    expect(findPrimarySubscription(many, d('2026-01-01'))!.id).toBe('sub_0000');
    expect(pickResponsibleSubscription(many, 'AI_AGENT', d('2026-01-01'))!.id).toBe('sub_0000');
  });
});
