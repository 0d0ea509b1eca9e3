import type { SubscriptionFacts } from '../../kernel/subscription-facts';
import type { UsageType } from '../../kernel/usage-types';
import { firstTerm } from '../../kernel/term-content';
import { usageChargesFor, usedInPeriod, type Reading } from './usage-charges';

const d = (iso: string) => new Date(iso);
const MARCH = { start: d('2026-03-01T00:00:00Z'), end: d('2026-04-01T00:00:00Z') };

const subscription = (id: string, startsAt: string, items: { usageType: UsageType; quantity: number }[]): SubscriptionFacts => ({
  id,
  originalStartsAt: d(startsAt),
  terms: [firstTerm({ startsAt: d(startsAt), endsAt: d('2027-01-01T00:00:00Z'), items, addOns: [] })],
});
const readings = (usageType: UsageType, ...points: [string, number][]): [UsageType, Reading[]] => [
  usageType,
  points.map(([at, quantity]) => ({ usageType, quantity, at: d(at) })),
];

describe('R9, R29: usage charged on invoices', () => {
  it('a seat-like type counts the level in force when the period starts; a metered one sums inside it', () => {
    const [, agents] = readings('AGENT_STANDARD', ['2026-02-20T00:00:00Z', 30], ['2026-03-10T00:00:00Z', 12], ['2026-04-02T00:00:00Z', 99]);
    expect(usedInPeriod(agents, 'AGENT_STANDARD', MARCH)).toBe(30);
    // A level read exactly at the start replaces the older one.
    const [, replaced] = readings('AGENT_STANDARD', ['2026-02-20T00:00:00Z', 30], ['2026-03-01T00:00:00Z', 12]);
    expect(usedInPeriod(replaced, 'AGENT_STANDARD', MARCH)).toBe(12);
    const [, ai] = readings('AI_AGENT', ['2026-02-28T23:59:59Z', 500], ['2026-03-01T00:00:00Z', 7], ['2026-03-31T23:59:59Z', 3], ['2026-04-01T00:00:00Z', 1000]);
    expect(usedInPeriod(ai, 'AI_AGENT', MARCH)).toBe(10);
  });

  it('R29: the tenant-wide overage lands on the primary subscription (R8) only, not on every subscription', () => {
    const first = subscription('sub_1', '2026-01-01T00:00:00Z', [{ usageType: 'AGENT_STANDARD', quantity: 10 }]);
    const second = subscription('sub_2', '2026-02-01T00:00:00Z', [{ usageType: 'AGENT_STANDARD', quantity: 15 }]);
    const usage = new Map([readings('AGENT_STANDARD', ['2026-03-05T00:00:00Z', 28])]);
    const tenantSubscriptions = [first, second];
    expect(usageChargesFor({ subscription: first, cycle: MARCH, tenantSubscriptions, readingsByType: usage })).toEqual([
      { kind: 'OVERAGE', usageType: 'AGENT_STANDARD', quantity: 3, period: MARCH },
    ]);
    expect(usageChargesFor({ subscription: second, cycle: MARCH, tenantSubscriptions, readingsByType: usage })).toEqual([]);
    // R9: 25 in use on 10 + 15 is no overage at all.
    const within = new Map([readings('AGENT_STANDARD', ['2026-03-05T00:00:00Z', 25])]);
    expect(usageChargesFor({ subscription: first, cycle: MARCH, tenantSubscriptions, readingsByType: within })).toEqual([]);
  });

  it('R29: AI overage lands on the responsible subscription (R7), the one including the type longest', () => {
    const primary = subscription('sub_1', '2026-01-01T00:00:00Z', [{ usageType: 'AGENT_STANDARD', quantity: 10 }]);
    const aiOld = subscription('sub_2', '2026-01-15T00:00:00Z', [{ usageType: 'AI_AGENT', quantity: 100 }]);
    const aiNew = subscription('sub_3', '2026-02-15T00:00:00Z', [{ usageType: 'AI_AGENT', quantity: 100 }]);
    const usage = new Map([readings('AI_AGENT', ['2026-03-05T00:00:00Z', 150], ['2026-03-06T00:00:00Z', 90])]);
    const tenantSubscriptions = [primary, aiOld, aiNew];
    const charges = (s: SubscriptionFacts) => usageChargesFor({ subscription: s, cycle: MARCH, tenantSubscriptions, readingsByType: usage });
    expect(charges(aiOld)).toEqual([{ kind: 'OVERAGE', usageType: 'AI_AGENT', quantity: 40, period: MARCH }]);
    expect(charges(primary)).toEqual([]);
    expect(charges(aiNew)).toEqual([]);
  });

  it('metered usage no subscription includes is USAGE on the primary subscription', () => {
    const primary = subscription('sub_1', '2026-01-01T00:00:00Z', [{ usageType: 'AGENT_STANDARD', quantity: 10 }]);
    const other = subscription('sub_2', '2026-02-01T00:00:00Z', [{ usageType: 'AGENT_STANDARD', quantity: 5 }]);
    const usage = new Map([readings('WEBEX_CONNECT', ['2026-03-05T00:00:00Z', 400])]);
    expect(usageChargesFor({ subscription: primary, cycle: MARCH, tenantSubscriptions: [primary, other], readingsByType: usage })).toEqual([
      { kind: 'USAGE', usageType: 'WEBEX_CONNECT', quantity: 400, period: MARCH },
    ]);
    expect(usageChargesFor({ subscription: other, cycle: MARCH, tenantSubscriptions: [primary, other], readingsByType: usage })).toEqual([]);
  });
});

describe('R23, R29: concurrency overage on invoices', () => {
  const primary = subscription('sub_1', '2026-01-01T00:00:00Z', [{ usageType: 'AGENT_STANDARD', quantity: 100 }]);
  const other = subscription('sub_2', '2026-02-01T00:00:00Z', [{ usageType: 'AGENT_STANDARD', quantity: 50 }]);
  const stretch = (to: string, excess: number) => ({ usageType: 'AGENT_STANDARD' as const, to: d(to), excess });

  it('a billable stretch is charged at its peak excess to the primary subscription, in the cycle it ended', () => {
    const excessStretches = [stretch('2026-03-10T08:45:00Z', 5), stretch('2026-03-20T09:00:00Z', 3), stretch('2026-04-02T00:00:00Z', 9)];
    const charges = (s: SubscriptionFacts) => usageChargesFor({ subscription: s, cycle: MARCH, tenantSubscriptions: [primary, other], readingsByType: new Map(), excessStretches });
    expect(charges(primary)).toEqual([{ kind: 'OVERAGE', usageType: 'AGENT_STANDARD', quantity: 5, period: MARCH }]);
    expect(charges(other)).toEqual([]);
  });

  it('seats over the entitlement seen by readings and by sessions are charged once, at the higher', () => {
    const usage = new Map([readings('AGENT_STANDARD', ['2026-03-05T00:00:00Z', 152])]);
    const charges = usageChargesFor({ subscription: primary, cycle: MARCH, tenantSubscriptions: [primary, other], readingsByType: usage, excessStretches: [stretch('2026-03-10T08:45:00Z', 5)] });
    expect(charges).toEqual([{ kind: 'OVERAGE', usageType: 'AGENT_STANDARD', quantity: 5, period: MARCH }]);
  });
});

describe('R29: usage is measured per calendar month, so subscriptions with different cycles never charge it twice', () => {
  it('a month is charged once, on the cycle of the payer that contains the charging instant', () => {
    // A (primary) cycles on the 1st and ends Mar 1; B cycles on the 15th.
    const a: SubscriptionFacts = { id: 'sub_a', originalStartsAt: d('2026-01-01T00:00:00Z'), terms: [firstTerm({ startsAt: d('2026-01-01T00:00:00Z'), endsAt: d('2026-03-01T00:00:00Z'), items: [{ usageType: 'AGENT_STANDARD', quantity: 10 }], addOns: [] })] };
    const b: SubscriptionFacts = { id: 'sub_b', originalStartsAt: d('2026-01-15T00:00:00Z'), terms: [firstTerm({ startsAt: d('2026-01-15T00:00:00Z'), endsAt: d('2027-01-15T00:00:00Z'), items: [{ usageType: 'AGENT_STANDARD', quantity: 5 }], addOns: [] })] };
    const usage = new Map([readings('WEBEX_CONNECT', ['2026-02-20T00:00:00Z', 100], ['2026-03-05T00:00:00Z', 7])]);
    const charge = (s: SubscriptionFacts, start: string, end: string) =>
      usageChargesFor({ subscription: s, cycle: { start: d(start), end: d(end) }, tenantSubscriptions: [a, b], readingsByType: usage });
    // February's 100 messages: A is primary at Feb 28 23:59:59.999, on A's Feb cycle only.
    expect(charge(a, '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z')).toEqual([
      { kind: 'USAGE', usageType: 'WEBEX_CONNECT', quantity: 100, period: { start: d('2026-02-01T00:00:00Z'), end: d('2026-03-01T00:00:00Z') } },
    ]);
    // B's Feb 15 – Mar 15 cycle overlaps February but does not charge it again.
    expect(charge(b, '2026-02-15T00:00:00Z', '2026-03-15T00:00:00Z')).toEqual([]);
    // March's 7 go to B (the only subscription left) on its Mar 15 – Apr 15 cycle, where March ends.
    expect(charge(b, '2026-03-15T00:00:00Z', '2026-04-15T00:00:00Z')).toEqual([
      { kind: 'USAGE', usageType: 'WEBEX_CONNECT', quantity: 7, period: { start: d('2026-03-01T00:00:00Z'), end: d('2026-04-01T00:00:00Z') } },
    ]);
  });

  it('an annual cycle carries each month of overage on its own line', () => {
    const yearly: SubscriptionFacts = subscription('sub_y', '2026-01-01T00:00:00Z', [{ usageType: 'AGENT_STANDARD', quantity: 10 }]);
    const usage = new Map([readings('AGENT_STANDARD', ['2026-02-10T00:00:00Z', 12], ['2026-03-01T00:00:00Z', 10], ['2026-06-10T00:00:00Z', 15])]);
    const charges = usageChargesFor({ subscription: yearly, cycle: { start: d('2026-01-01T00:00:00Z'), end: d('2027-01-01T00:00:00Z') }, tenantSubscriptions: [yearly], readingsByType: usage });
    expect(charges.map((c) => [c.period.start.toISOString().slice(0, 7), c.quantity])).toEqual([
      ['2026-02', 2],
      ['2026-06', 5],
      ['2026-07', 5],
      ['2026-08', 5],
      ['2026-09', 5],
      ['2026-10', 5],
      ['2026-11', 5],
      ['2026-12', 5],
    ]);
  });
});
