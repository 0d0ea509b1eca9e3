import { cyclesOfTerm, MONTHS_PER_CYCLE, type BillingCycle, type BillingInterval } from '../../kernel/billing-cycle';
import { divideHalfUp, money } from '../../kernel/money';
import { findPrimarySubscription } from '../../kernel/primary-subscription';
import { chargeForPurchase, primaryUntil } from '../../kernel/proration';
import type { SubscriptionTerm } from '../../kernel/subscription-terms';
import { accountChargeSegments, accountUserLicencesAt, nextUserLicenceChange, type AccountFacts, type AccountPurchase, type AccountSegment, type ProrationCover } from './account-charges';

const d = (iso: string) => new Date(iso);
const usd = (amountMinor: number) => money(amountMinor, 'USD');

interface Sub {
  readonly id: string;
  readonly originalStartsAt: Date;
  readonly billingInterval: BillingInterval;
  readonly terms: readonly SubscriptionTerm[];
}

const term = (startsAt: string, endsAt: string, agents = 10): SubscriptionTerm => ({
  startsAt: d(startsAt),
  endsAt: d(endsAt),
  items: [{ usageType: 'AGENT_STANDARD', quantity: agents, since: d(startsAt) }],
  addOns: [],
});
const sub = (id: string, billingInterval: BillingInterval, terms: SubscriptionTerm[]): Sub => ({ id, originalStartsAt: terms[0]!.startsAt, billingInterval, terms });
const ACCOUNT_LEVEL = new Set(['analytics_plus']);
const facts = (subscriptions: Sub[], purchases: AccountPurchase[], covers: ProrationCover[] = []): AccountFacts<Sub> => ({
  subscriptions,
  purchases,
  covers,
  accountLevel: (key) => ACCOUNT_LEVEL.has(key),
  catalogPrice: (key) => (key === 'analytics_plus' ? usd(500) : usd(1000)),
});
const cyclesOf = (s: Sub): BillingCycle[] => s.terms.flatMap((t) => cyclesOfTerm(t, s.billingInterval));
const spans = (segments: readonly AccountSegment[]) => segments.map((s) => [s.addOnKey, s.quantity, s.period.start.toISOString(), s.period.end.toISOString()]);

/** What a purchase's own invoice covers (issue-invoice.ts prorationDraft, on the same kernel functions). */
function coverOf(subscriptions: Sub[], purchase: AccountPurchase): ProrationCover | null {
  const accountLevel = ACCOUNT_LEVEL.has(purchase.addOnKey);
  const quantity = accountLevel ? accountUserLicencesAt(subscriptions, purchase.purchasedAt) : purchase.quantity;
  const billed = chargeForPurchase({
    subscriptions,
    monthlyPrice: purchase.unitPrice,
    quantity,
    at: purchase.purchasedAt,
    until: (payer, end) => {
      const primary = primaryUntil(subscriptions, payer, purchase.purchasedAt, end);
      return accountLevel ? nextUserLicenceChange(subscriptions, purchase.purchasedAt, primary) : primary;
    },
  });
  return billed && quantity > 0 ? { addOnKey: purchase.addOnKey, unitPrice: purchase.unitPrice, quantity, period: billed.charge.period } : null;
}

describe('account charges follow the primary subscription, second by second (R38)', () => {
  it('R38: no gap between differently phased cycles: when the primary ends mid-cycle of another, that one bills the rest', () => {
    // A: monthly from 1 Jan, the oldest, ends 10 March. B: annual from 15 January. 5 licences bought on 20 January.
    const a = sub('sub_a', 'MONTHLY', [term('2026-01-01T00:00:00Z', '2026-03-10T00:00:00Z')]);
    const b = sub('sub_b', 'ANNUAL', [term('2026-01-15T00:00:00Z', '2027-01-15T00:00:00Z')]);
    const bought: AccountPurchase = { addOnKey: 'whatsapp', quantity: 5, unitPrice: usd(1000), purchasedAt: d('2026-01-20T00:00:00Z') };
    const cover = coverOf([a, b], bought)!;
    expect([cover.period.start.toISOString(), cover.period.end.toISOString()]).toEqual(['2026-01-20T00:00:00.000Z', '2026-02-01T00:00:00.000Z']);
    const account = facts([a, b], [bought], [cover]);
    expect(cyclesOf(a).flatMap((cycle) => spans(accountChargeSegments(a, cycle, account)))).toEqual([
      ['whatsapp', 5, '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
      ['whatsapp', 5, '2026-03-01T00:00:00.000Z', '2026-03-10T00:00:00.000Z'],
    ]);
    // Before R38 B carried nothing (A was primary when B's cycle started): 10 March 2026 to 15 January 2027 went unbilled.
    expect(spans(accountChargeSegments(b, cyclesOf(b)[0]!, account))).toEqual([['whatsapp', 5, '2026-03-10T00:00:00.000Z', '2027-01-15T00:00:00.000Z']]);
  });

  it('R38, R41: no overlap: a renewed oldest subscription takes back the seconds from its renewal; while none is active nothing is billed', () => {
    // A: the oldest, expires 10 January, renewed from 1 February. B: annual from 15 January. Licences bought the year before.
    const a = sub('sub_a', 'MONTHLY', [term('2025-01-01T00:00:00Z', '2026-01-10T00:00:00Z'), term('2026-02-01T00:00:00Z', '2027-02-01T00:00:00Z')]);
    const b = sub('sub_b', 'ANNUAL', [term('2026-01-15T00:00:00Z', '2027-01-15T00:00:00Z')]);
    const account = facts([a, b], [{ addOnKey: 'whatsapp', quantity: 2, unitPrice: usd(1000), purchasedAt: d('2025-06-01T00:00:00Z') }]);
    // B carries only the fortnight it is primary, not the year (before R38: the whole year, billed twice with A's months).
    expect(spans(accountChargeSegments(b, cyclesOf(b)[0]!, account))).toEqual([['whatsapp', 2, '2026-01-15T00:00:00.000Z', '2026-02-01T00:00:00.000Z']]);
    const aJanuary = cyclesOf(a).find((cycle) => cycle.start.toISOString() === '2026-01-01T00:00:00.000Z')!;
    expect(spans(accountChargeSegments(a, aJanuary, account))).toEqual([['whatsapp', 2, '2026-01-01T00:00:00.000Z', '2026-01-10T00:00:00.000Z']]);
    // 10 to 15 January: no subscription is active, nobody is billed.
  });

  it('R28, R38: an account-level add-on is billed on the user licences of each second, split where they change', () => {
    const a = sub('sub_a', 'MONTHLY', [term('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 10)]);
    const c = sub('sub_c', 'MONTHLY', [term('2026-01-20T00:00:00Z', '2026-02-10T00:00:00Z', 5)]);
    const account = facts([a, c], [{ addOnKey: 'analytics_plus', quantity: 1, unitPrice: usd(500), purchasedAt: d('2025-12-01T00:00:00Z') }]);
    const [january, february] = cyclesOf(a);
    expect(spans(accountChargeSegments(a, january!, account))).toEqual([
      ['analytics_plus', 10, '2026-01-01T00:00:00.000Z', '2026-01-20T00:00:00.000Z'],
      ['analytics_plus', 15, '2026-01-20T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
    ]);
    expect(spans(accountChargeSegments(a, february!, account))).toEqual([
      ['analytics_plus', 15, '2026-02-01T00:00:00.000Z', '2026-02-10T00:00:00.000Z'],
      ['analytics_plus', 10, '2026-02-10T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    ]);
    expect(accountChargeSegments(c, cyclesOf(c)[0]!, account)).toEqual([]);
  });

  it('R38: over generated subscription sets (terms, cycles, gaps, primary changes), seconds billed equal seconds held, each to the primary of its second, and every line to the cent', () => {
    let seed = 20261206;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
    const DAY = 86_400_000;
    const base = Date.UTC(2026, 0, 1);
    let lines = 0;
    for (let round = 0; round < 150; round++) {
      const subscriptions: Sub[] = [];
      for (let i = 0, n = between(1, 4); i < n; i++) {
        let start = base + between(0, 200) * DAY + between(0, 23) * 3_600_000;
        const terms: SubscriptionTerm[] = [];
        for (let k = 0, m = between(1, 3); k < m; k++) {
          const end = start + between(20, 400) * DAY;
          terms.push({ startsAt: new Date(start), endsAt: new Date(end), items: [{ usageType: 'AGENT_STANDARD', quantity: between(1, 50), since: new Date(start) }], addOns: [] });
          start = end + (random() < 0.4 ? between(1, 40) * DAY : 0);
        }
        subscriptions.push({ id: `sub_${i}`, originalStartsAt: terms[0]!.startsAt, billingInterval: random() < 0.5 ? 'MONTHLY' : 'ANNUAL', terms });
      }
      const purchases: AccountPurchase[] = [];
      for (let i = 0, n = between(0, 4); i < n; i++) {
        const accountLevel = i === 0 && random() < 0.5;
        purchases.push({
          addOnKey: accountLevel ? 'analytics_plus' : 'whatsapp',
          quantity: accountLevel ? 1 : between(1, 5),
          unitPrice: usd(accountLevel ? 500 : 1000),
          purchasedAt: new Date(base + between(0, 500) * DAY + between(0, 86_399) * 1000),
        });
      }
      purchases.sort((a, b) => a.purchasedAt.getTime() - b.purchasedAt.getTime());
      const covers = purchases.map((p) => coverOf(subscriptions, p)).filter((c): c is ProrationCover => c !== null);
      const account = facts(subscriptions, purchases, covers);

      const billed: { addOnKey: string; quantity: number; start: number; end: number; payer: string }[] = [];
      for (const s of subscriptions) {
        for (const cycle of cyclesOf(s)) {
          const cycleSeconds = BigInt((cycle.fullEnd.getTime() - cycle.start.getTime()) / 1000);
          for (const segment of accountChargeSegments(s, cycle, account)) {
            billed.push({ addOnKey: segment.addOnKey, quantity: segment.quantity, start: segment.period.start.getTime(), end: segment.period.end.getTime(), payer: s.id });
            // To the cent after R27's rounding: the line is its exact share, rounded half-up once.
            const unit = BigInt(segment.unitPrice.amountMinor * MONTHS_PER_CYCLE[s.billingInterval]);
            const seconds = BigInt((segment.period.end.getTime() - segment.period.start.getTime()) / 1000);
            const exact2 = (unit * BigInt(segment.quantity) * seconds * 2n) / cycleSeconds;
            const amount = divideHalfUp(unit * BigInt(segment.quantity) * seconds, cycleSeconds);
            expect(amount * 2n - exact2 <= 1n && exact2 - amount * 2n <= 1n).toBe(true);
            lines++;
          }
        }
      }
      // Every elementary stretch between instants where anything can change.
      const instants = new Set<number>();
      for (const s of subscriptions) for (const t of s.terms) [t.startsAt, t.endsAt].forEach((x) => instants.add(x.getTime()));
      for (const s of subscriptions) for (const c of cyclesOf(s)) [c.start, c.end].forEach((x) => instants.add(x.getTime()));
      for (const p of purchases) instants.add(Math.floor(p.purchasedAt.getTime() / 1000) * 1000);
      for (const c of covers) [c.period.start, c.period.end].forEach((x) => instants.add(x.getTime()));
      const points = [...instants].sort((a, b) => a - b);
      for (let i = 0; i + 1 < points.length; i++) {
        const [x, y] = [points[i]!, points[i + 1]!];
        const primary = findPrimarySubscription(subscriptions, new Date(x));
        for (const addOnKey of ['whatsapp', 'analytics_plus']) {
          const held = purchases.some((p) => p.addOnKey === addOnKey && Math.floor(p.purchasedAt.getTime() / 1000) * 1000 <= x)
            ? addOnKey === 'analytics_plus'
              ? accountUserLicencesAt(subscriptions, new Date(x))
              : purchases.filter((p) => p.addOnKey === addOnKey && Math.floor(p.purchasedAt.getTime() / 1000) * 1000 <= x).reduce((n, p) => n + p.quantity, 0)
            : 0;
          const onCycles = billed.filter((b) => b.addOnKey === addOnKey && b.start <= x && x < b.end);
          const onPurchases = covers.filter((c) => c.addOnKey === addOnKey && c.period.start.getTime() <= x && x < c.period.end.getTime());
          const seconds = onCycles.reduce((n, b) => n + b.quantity, 0) + onPurchases.reduce((n, c) => n + c.quantity, 0);
          // Held and some subscription active: billed exactly once, on the primary's cycle; none active: nothing (R41).
          expect([round, addOnKey, new Date(x).toISOString(), new Date(y).toISOString(), seconds]).toEqual([round, addOnKey, new Date(x).toISOString(), new Date(y).toISOString(), primary ? held : 0]);
          for (const b of onCycles) expect(b.payer).toBe(primary!.id);
        }
      }
    }
    expect(lines).toBeGreaterThan(300);
  });
});
