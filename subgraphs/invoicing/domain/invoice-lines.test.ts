import type { CatalogAddOn, CatalogPlan } from '../../kernel/catalog-model';
import { money } from '../../kernel/money';
import type { SubscriptionTerm } from '../../kernel/subscription-terms';
import type { UsageType } from '../../kernel/usage-types';
import { accountChargeSegments, accountUserLicencesAt } from './account-charges';
import { buildCycleInvoice, type CycleInvoiceInput } from './invoice-lines';

const d = (iso: string) => new Date(iso);
const usd = (amountMinor: number) => money(amountMinor, 'USD');
const JANUARY = { start: d('2026-01-01T00:00:00Z'), end: d('2026-02-01T00:00:00Z'), fullEnd: d('2026-02-01T00:00:00Z') };

const addOn = (key: string, unitPrice: number, type: CatalogAddOn['type'] = 'PROVISIONED'): CatalogAddOn => ({
  key,
  name: key,
  productLine: 'AIRCALL',
  type,
  seatModel: 'PER_SEAT',
  usageType: null,
  exhaustionPolicy: 'AUTO_PURCHASE',
  unitPrice: usd(unitPrice),
});
const plan = (seatPrice: number): CatalogPlan => ({
  key: 'pro',
  name: 'Pro',
  productLine: 'AIRCALL',
  seatUsageType: 'AGENT_STANDARD',
  seatPrice: usd(seatPrice),
  features: [],
});
const term = (seats: number, addOns: { addOnKey: string; quantity: number }[] = []): SubscriptionTerm => ({
  startsAt: d('2026-01-01T00:00:00Z'),
  endsAt: d('2027-01-01T00:00:00Z'),
  items: [{ usageType: 'AGENT_STANDARD', quantity: seats, since: d('2026-01-01T00:00:00Z') }],
  addOns,
});
const input = (overrides: Partial<CycleInvoiceInput>): CycleInvoiceInput => ({
  cycle: JANUARY,
  billingInterval: 'MONTHLY',
  term: term(10),
  plan: plan(5000),
  addOns: new Map(),
  account: [],
  usage: [],
  currency: 'USD',
  ...overrides,
});

describe('cycle invoices', () => {
  it('R26: add-on licences are their own lines; unbundling a price from the seat price keeps the subtotal', () => {
    const bundled = buildCycleInvoice(input({ plan: plan(5900) }));
    const unbundled = buildCycleInvoice(
      input({ plan: plan(5000), term: term(10, [{ addOnKey: 'ai_assist', quantity: 10 }]), addOns: new Map([['ai_assist', addOn('ai_assist', 900)]]) }),
    );
    expect(bundled.lines.map((l) => l.kind)).toEqual(['PLAN_SEATS']);
    expect(unbundled.lines.map((l) => [l.kind, l.addOnKey, l.quantity, l.amount.amountMinor])).toEqual([
      ['PLAN_SEATS', null, 10, 50_000],
      ['ADD_ON_LICENSE', 'ai_assist', 10, 9_000],
    ]);
    expect(unbundled.subtotal).toEqual(bundled.subtotal);
    expect(unbundled.subtotal).toEqual(usd(59_000));
  });

  it('R26: the subtotal is the sum of the lines, and an annual cycle costs 12 months', () => {
    const draft = buildCycleInvoice(
      input({
        billingInterval: 'ANNUAL',
        cycle: { start: d('2026-01-01T00:00:00Z'), end: d('2027-01-01T00:00:00Z'), fullEnd: d('2027-01-01T00:00:00Z') },
        term: term(3, [{ addOnKey: 'whatsapp', quantity: 2 }]),
        addOns: new Map([['whatsapp', addOn('whatsapp', 1000)]]),
      }),
    );
    expect(draft.lines.map((l) => [l.unitAmount.amountMinor, l.amount.amountMinor])).toEqual([
      [60_000, 180_000],
      [12_000, 24_000],
    ]);
    expect(draft.subtotal.amountMinor).toBe(draft.lines.reduce((n, l) => n + l.amount.amountMinor, 0));
  });

  it('R27, R38: licences bought before the cycle carry the full price; bought during it, from the end of what their own invoice covered', () => {
    const whatsapp = addOn('whatsapp', 1000);
    const subscription = { id: 'sub_1', originalStartsAt: d('2025-01-01T00:00:00Z'), billingInterval: 'MONTHLY' as const, terms: [{ ...term(10), startsAt: d('2025-01-01T00:00:00Z') }] };
    const account = accountChargeSegments(subscription, JANUARY, {
      subscriptions: [subscription],
      purchases: [
        { addOnKey: 'whatsapp', quantity: 2, unitPrice: usd(1000), purchasedAt: d('2025-12-10T00:00:00Z') },
        { addOnKey: 'whatsapp', quantity: 1, unitPrice: usd(1000), purchasedAt: d('2025-12-20T00:00:00Z') },
        { addOnKey: 'whatsapp', quantity: 5, unitPrice: usd(1000), purchasedAt: d('2026-01-15T00:00:00Z') },
      ],
      // The third purchase's own invoice covered the rest of January (R27).
      covers: [{ addOnKey: 'whatsapp', unitPrice: usd(1000), quantity: 5, period: { start: d('2026-01-15T00:00:00Z'), end: d('2026-02-01T00:00:00Z') } }],
      accountLevel: () => false,
      catalogPrice: () => usd(1000),
    });
    const draft = buildCycleInvoice(input({ addOns: new Map([['whatsapp', whatsapp]]), account }));
    const lines = draft.lines.filter((l) => l.kind === 'ADD_ON_LICENSE');
    expect(lines.map((l) => [l.quantity, l.amount.amountMinor, l.period.start.toISOString(), l.period.end.toISOString()])).toEqual([[3, 3000, '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z']]);
  });

  it('R28: an account-level add-on is billed on the account user licences, once, not on its own quantity', () => {
    const analytics = addOn('analytics_plus', 500, 'ACCOUNT_LEVEL');
    const subscription = { id: 'sub_1', originalStartsAt: d('2026-01-01T00:00:00Z'), billingInterval: 'MONTHLY' as const, terms: [term(25, [{ addOnKey: 'analytics_plus', quantity: 1 }])] };
    const account = accountChargeSegments(subscription, JANUARY, {
      subscriptions: [subscription],
      purchases: [{ addOnKey: 'analytics_plus', quantity: 1, unitPrice: usd(500), purchasedAt: d('2025-12-01T00:00:00Z') }],
      covers: [],
      accountLevel: (key) => key === 'analytics_plus',
      catalogPrice: () => usd(500),
    });
    const draft = buildCycleInvoice(input({ term: subscription.terms[0]!, addOns: new Map([['analytics_plus', analytics]]), account }));
    const lines = draft.lines.filter((l) => l.addOnKey === 'analytics_plus');
    expect(lines.map((line) => [line.kind, line.quantity, line.amount.amountMinor])).toEqual([['ADD_ON_LICENSE', 25, 12_500]]);
  });

  it('R28: the account user licences are the standard and premium agent seats of every subscription active then', () => {
    const terms = (startsAt: string, endsAt: string, items: { usageType: UsageType; quantity: number }[]) => ({
      terms: [{ startsAt: d(startsAt), endsAt: d(endsAt), items: items.map((item) => ({ ...item, since: d(startsAt) })), addOns: [] }],
    });
    const account = [
      terms('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', [{ usageType: 'AGENT_STANDARD', quantity: 10 }, { usageType: 'IVR', quantity: 4 }]),
      terms('2026-02-01T00:00:00Z', '2027-01-01T00:00:00Z', [{ usageType: 'AGENT_PREMIUM', quantity: 5 }, { usageType: 'AI_AGENT', quantity: 100 }]),
      terms('2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z', [{ usageType: 'AGENT_STANDARD', quantity: 50 }]),
    ];
    expect(accountUserLicencesAt(account, d('2026-01-15T00:00:00Z'))).toBe(10);
    expect(accountUserLicencesAt(account, d('2026-03-01T00:00:00Z'))).toBe(15);
  });

  it('R29: usage charged to the subscription becomes OVERAGE and USAGE lines at the usage price', () => {
    const draft = buildCycleInvoice(
      input({
        usage: [
          { kind: 'OVERAGE', usageType: 'AGENT_STANDARD', quantity: 5, period: JANUARY },
          { kind: 'USAGE', usageType: 'AI_AGENT', quantity: 1234, period: JANUARY },
        ],
      }),
    );
    expect(draft.lines.slice(1).map((l) => [l.kind, l.usageType, l.quantity, l.unitAmount.amountMinor, l.amount.amountMinor])).toEqual([
      ['OVERAGE', 'AGENT_STANDARD', 5, 9500, 47_500],
      ['USAGE', 'AI_AGENT', 1234, 10, 12_340],
    ]);
    expect(draft.subtotal).toEqual(usd(50_000 + 47_500 + 12_340));
  });

  it('a last cycle cut short by the term is charged for its share of a full cycle, to the second', () => {
    const draft = buildCycleInvoice(input({ cycle: { start: d('2026-04-01T00:00:00Z'), end: d('2026-04-16T00:00:00Z'), fullEnd: d('2026-05-01T00:00:00Z') } }));
    // 15 of April's 30 days: half of 10 × 5000.
    expect(draft.lines[0]!.amount).toEqual(usd(25_000));
    // A clamped start (Jan 31 term: Feb 28 → Mar 31) cut on Mar 30: 30 of 31 days, not a whole (28-day) month.
    const clamped = buildCycleInvoice(input({ cycle: { start: d('2026-02-28T00:00:00Z'), end: d('2026-03-30T00:00:00Z'), fullEnd: d('2026-03-31T00:00:00Z') } }));
    expect(clamped.lines[0]!.amount).toEqual(usd(48_387)); // 50,000 × 30/31 = 48,387.10
  });
});
