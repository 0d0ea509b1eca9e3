import { addMonthsClamped, cycleAt, cyclesEndedBy, cyclesOfTerm } from './billing-cycle';
import { money } from './money';
import { chargeForPurchase, cycleUnitPrice, prorate, type BillableSubscription } from './proration';

const d = (iso: string) => new Date(iso);
const usd = (amountMinor: number) => money(amountMinor, 'USD');

describe('billing cycles', () => {
  it('steps calendar months from the anchor, clamping to the month end', () => {
    expect(addMonthsClamped(d('2026-01-31T10:00:00Z'), 1)).toEqual(d('2026-02-28T10:00:00Z'));
    expect(addMonthsClamped(d('2028-01-31T10:00:00Z'), 1)).toEqual(d('2028-02-29T10:00:00Z'));
    expect(addMonthsClamped(d('2026-01-31T10:00:00Z'), 2)).toEqual(d('2026-03-31T10:00:00Z'));
    expect(addMonthsClamped(d('2026-11-15T00:00:00Z'), 2)).toEqual(d('2027-01-15T00:00:00Z'));
  });

  it('cuts a term into cycles; the last one ends with the term', () => {
    const term = { startsAt: d('2026-01-15T00:00:00Z'), endsAt: d('2026-04-01T00:00:00Z') };
    expect(cyclesOfTerm(term, 'MONTHLY')).toEqual([
      { start: d('2026-01-15T00:00:00Z'), end: d('2026-02-15T00:00:00Z'), fullEnd: d('2026-02-15T00:00:00Z') },
      { start: d('2026-02-15T00:00:00Z'), end: d('2026-03-15T00:00:00Z'), fullEnd: d('2026-03-15T00:00:00Z') },
      { start: d('2026-03-15T00:00:00Z'), end: d('2026-04-01T00:00:00Z'), fullEnd: d('2026-04-15T00:00:00Z') },
    ]);
    expect(cyclesOfTerm({ startsAt: d('2026-01-01T00:00:00Z'), endsAt: d('2028-01-01T00:00:00Z') }, 'ANNUAL')).toHaveLength(2);
  });

  it('finds the cycle at an instant, and the cycles ended by one', () => {
    const terms = [
      { startsAt: d('2026-01-01T00:00:00Z'), endsAt: d('2027-01-01T00:00:00Z') },
      { startsAt: d('2027-01-01T00:00:00Z'), endsAt: d('2028-01-01T00:00:00Z') },
    ];
    expect(cycleAt(terms, 'MONTHLY', d('2027-11-30T23:59:59Z'))).toMatchObject({ start: d('2027-11-01T00:00:00Z'), end: d('2027-12-01T00:00:00Z') });
    expect(cycleAt(terms, 'MONTHLY', d('2026-01-01T00:00:00Z'))).toMatchObject({ start: d('2026-01-01T00:00:00Z'), end: d('2026-02-01T00:00:00Z') });
    expect(cycleAt(terms, 'ANNUAL', d('2026-12-31T23:59:59Z'))).toMatchObject({ start: d('2026-01-01T00:00:00Z'), end: d('2027-01-01T00:00:00Z') });
    expect(cycleAt(terms, 'MONTHLY', d('2028-01-01T00:00:00Z'))).toBeNull();
    expect(cyclesEndedBy(terms, 'MONTHLY', d('2026-03-01T00:00:00Z'))).toHaveLength(2);
    expect(cyclesEndedBy(terms, 'MONTHLY', d('2026-02-28T23:59:59Z'))).toHaveLength(1);
  });
});

describe('R27 proration, to the second, rounded half-up once', () => {
  // Two licences at 3100 a month: 6200 × remaining days / days of the month.
  it.each([
    ['28-day February: 14/28', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z', '2026-02-15T00:00:00Z', 3100],
    ['29-day leap February: 15/29 = 3206.90', '2028-02-01T00:00:00Z', '2028-03-01T00:00:00Z', '2028-02-15T00:00:00Z', 3207],
    ['30-day April: 15/30', '2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z', '2026-04-16T00:00:00Z', 3100],
    ['31-day January: 15/31', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', '2026-01-17T00:00:00Z', 3000],
    ['31-day January at 12:00:30: 1,339,170 s of 2,678,400 s = 3099.93', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', '2026-01-16T12:00:30Z', 3100],
  ])('%s', (_name, start, end, at, expected) => {
    const charge = prorate({ unitPrice: usd(3100), quantity: 2, cycle: { start: d(start), end: d(end) }, at: d(at) });
    expect(charge.amount).toEqual(usd(expected));
    expect(charge.period).toEqual({ start: d(at), end: d(end) });
  });

  it('rounds half-up exactly where a float would not', () => {
    // 1 unit of 1 minor unit for half of a 2-second cycle is 0.5 → 1.
    expect(prorate({ unitPrice: usd(1), quantity: 1, cycle: { start: d('2026-01-01T00:00:00Z'), end: d('2026-01-01T00:00:02Z') }, at: d('2026-01-01T00:00:01Z') }).amount).toEqual(usd(1));
    // 1000 for 1/3 of a cycle: 333.33 → 333; for 2/3: 666.67 → 667.
    const cycle = { start: d('2026-01-01T00:00:00Z'), end: d('2026-01-01T00:00:03Z') };
    expect(prorate({ unitPrice: usd(1000), quantity: 1, cycle, at: d('2026-01-01T00:00:02Z') }).amount).toEqual(usd(333));
    expect(prorate({ unitPrice: usd(1000), quantity: 1, cycle, at: d('2026-01-01T00:00:01Z') }).amount).toEqual(usd(667));
  });

  it('annual cycle: the monthly price times 12, prorated over the 365 days', () => {
    const unit = cycleUnitPrice(usd(900), 'ANNUAL');
    expect(unit).toEqual(usd(10800));
    const cycle = { start: d('2026-01-01T00:00:00Z'), end: d('2027-01-01T00:00:00Z') };
    // 2026-07-02 leaves 183 of 365 days: 10800 × 3 × 183 / 365 = 16244.38… → 16244.
    expect(prorate({ unitPrice: unit, quantity: 3, cycle, at: d('2026-07-02T00:00:00Z') }).amount).toEqual(usd(16244));
  });

  it('annual cycle over a leap year: prorated over its 366 days', () => {
    const cycle = cycleAt([{ startsAt: d('2028-01-01T00:00:00Z'), endsAt: d('2029-01-01T00:00:00Z') }], 'ANNUAL', d('2028-07-02T00:00:00Z'))!;
    expect(cycle).toMatchObject({ start: d('2028-01-01T00:00:00Z'), end: d('2029-01-01T00:00:00Z') });
    // 2028-07-02 leaves 183 of 366 days: exactly half of 10800 × 3 = 16200 (over 365 days it would be 16244).
    expect(prorate({ unitPrice: cycleUnitPrice(usd(900), 'ANNUAL'), quantity: 3, cycle, at: d('2028-07-02T00:00:00Z') }).amount).toEqual(usd(16200));
  });

  it('a purchase in the first second of a cycle pays the whole cycle; in the last second, one second of it', () => {
    const cycle = { start: d('2026-04-01T00:00:00Z'), end: d('2026-05-01T00:00:00Z') };
    expect(prorate({ unitPrice: usd(3000), quantity: 1, cycle, at: d('2026-04-01T00:00:00.999Z') }).amount).toEqual(usd(3000));
    // 3000 × 1 / 2,592,000 s = 0.001 → 0; 10,000 licences at 3000: 11.57 → 12.
    expect(prorate({ unitPrice: usd(3000), quantity: 1, cycle, at: d('2026-04-30T23:59:59Z') }).amount).toEqual(usd(0));
    expect(prorate({ unitPrice: usd(3000), quantity: 10_000, cycle, at: d('2026-04-30T23:59:59Z') }).amount).toEqual(usd(12));
    expect(prorate({ unitPrice: usd(3000), quantity: 1, cycle, at: d('2026-04-30T23:59:59Z') }).period.start).toEqual(d('2026-04-30T23:59:59Z'));
  });

  it('in a last cycle cut short by the term, a purchase pays the share of a full cycle, like the cycle itself', () => {
    // Term Jan 15 – Apr 1: the last cycle is Mar 15 – Apr 1 of a full Mar 15 – Apr 15 (31 days).
    const cycle = cycleAt([{ startsAt: d('2026-01-15T00:00:00Z'), endsAt: d('2026-04-01T00:00:00Z') }], 'MONTHLY', d('2026-03-15T00:00:00Z'))!;
    expect(cycle).toEqual({ start: d('2026-03-15T00:00:00Z'), end: d('2026-04-01T00:00:00Z'), fullEnd: d('2026-04-15T00:00:00Z') });
    // 17 of 31 days: 3100 × 17 / 31 = 1700, not the whole 3100.
    expect(prorate({ unitPrice: usd(3100), quantity: 1, cycle, at: d('2026-03-15T00:00:00Z') }).amount).toEqual(usd(1700));
  });

  it('refuses an instant outside the cycle', () => {
    const cycle = { start: d('2026-04-01T00:00:00Z'), end: d('2026-05-01T00:00:00Z') };
    expect(() => prorate({ unitPrice: usd(1), quantity: 1, cycle, at: d('2026-05-01T00:00:00Z') })).toThrow(RangeError);
    expect(() => prorate({ unitPrice: usd(1), quantity: 1, cycle, at: d('2026-03-31T23:59:59Z') })).toThrow(RangeError);
  });
});

describe('R27 chargeForPurchase: what the preview shows and the invoice bills', () => {
  const subscription = (id: string, originalStartsAt: string, interval: 'MONTHLY' | 'ANNUAL', terms: [string, string][]): BillableSubscription => ({
    id,
    originalStartsAt: d(originalStartsAt),
    billingInterval: interval,
    terms: terms.map(([startsAt, endsAt]) => ({ startsAt: d(startsAt), endsAt: d(endsAt), items: [], addOns: [] })),
  });
  // Monthly cycles anchored on the 10th; annual cycles on January 1st.
  const monthly = subscription('sub_a', '2026-01-10T00:00:00Z', 'MONTHLY', [['2026-01-10T00:00:00Z', '2026-06-10T00:00:00Z']]);
  const annual = subscription('sub_b', '2026-01-01T00:00:00Z', 'ANNUAL', [['2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z']]);

  it('bills the primary subscription (the oldest active one, R6, R8) over the rest of its real cycle', () => {
    // The monthly one is made the older here.
    // Feb 10 – Mar 10 2026 is 28 days; bought Feb 24: 14 of them. 2 × 1000 × 14 / 28 = 1000.
    const billed = chargeForPurchase({ subscriptions: [annual, { ...monthly, originalStartsAt: d('2025-12-01T00:00:00Z') }], monthlyPrice: usd(1000), quantity: 2, at: d('2026-02-24T00:00:00Z') })!;
    expect(billed.subscription.id).toBe('sub_a');
    expect(billed.unitAmount).toEqual(usd(1000));
    expect(billed.charge).toEqual({ amount: usd(1000), period: { start: d('2026-02-24T00:00:00Z'), end: d('2026-03-10T00:00:00Z') } });
  });

  it('on an annual primary, the unit is 12 months and the rest of the year is prorated', () => {
    // The annual one started first, so it is primary: Jan 1 2026 – Jan 1 2027 (365 days), bought Jul 2: 183 days left.
    const billed = chargeForPurchase({ subscriptions: [monthly, annual], monthlyPrice: usd(900), quantity: 3, at: d('2026-07-02T00:00:00Z') })!;
    expect(billed.subscription.id).toBe('sub_b');
    expect(billed.unitAmount).toEqual(usd(10800));
    expect(billed.charge.amount).toEqual(usd(16244));
  });

  it('answers null when no subscription is active at the purchase', () => {
    expect(chargeForPurchase({ subscriptions: [monthly], monthlyPrice: usd(900), quantity: 1, at: d('2026-06-10T00:00:00Z') })).toBeNull();
  });
});
