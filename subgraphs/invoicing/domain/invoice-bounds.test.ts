import { BOUNDS } from '../../kernel/bounds';
import type { CatalogAddOn } from '../../kernel/catalog-model';
import { money } from '../../kernel/money';
import { USAGE_TYPE_DEFINITIONS, USAGE_TYPES } from '../../kernel/usage-types';
import { buildCycleInvoice } from './invoice-lines';

const d = (iso: string) => new Date(iso);
const usd = (amountMinor: number) => money(amountMinor, 'USD');

/**
 * R39: the largest invoice the bounds allow stays exact. One annual cycle of the primary
 * subscription at every bound at once, counted generously (the catalog's 100 add-ons
 * each as a subscription add-on, a bought add-on and an account-level one):
 * 100,000 seats; 100 add-ons of 100,000 licences; 100 add-ons of 1,100,000 bought
 * licences (a purchase and one per user); 100 account-level add-ons on 2,000,000 user
 * licences; every usage type at its monthly bound for twelve months; every price at its
 * bound. If a bound is raised past what an invoice can answer, this fails.
 */
describe('R39: the largest invoice the bounds allow', () => {
  it('R39: fits SafeInt (2^53 - 1) with room to spare, every line and the subtotal', () => {
    const price = BOUNDS.unitPriceMinor;
    const keys = Array.from({ length: BOUNDS.catalogAddOns }, (_, i) => `add_on_${i}`);
    const addOns = new Map<string, CatalogAddOn>(
      keys.map((key) => [key, { key, name: key, productLine: 'AIRCALL', type: 'PROVISIONED', seatModel: 'PER_SEAT', usageType: null, exhaustionPolicy: 'AUTO_PURCHASE', unitPrice: usd(price) }]),
    );
    const cycle = { start: d('2026-01-01T00:00:00Z'), end: d('2027-01-01T00:00:00Z'), fullEnd: d('2027-01-01T00:00:00Z') };
    const months = Array.from({ length: 12 }, (_, m) => ({ start: new Date(Date.UTC(2026, m, 1)), end: new Date(Date.UTC(2026, m + 1, 1)) }));
    const invoice = buildCycleInvoice({
      cycle,
      billingInterval: 'ANNUAL',
      term: {
        startsAt: cycle.start,
        endsAt: cycle.end,
        items: [{ usageType: 'AGENT_STANDARD', quantity: BOUNDS.seatsPerItem, since: cycle.start }],
        addOns: keys.map((addOnKey) => ({ addOnKey, quantity: BOUNDS.licencesPerItem })),
      },
      plan: { key: 'largest', name: 'Largest', productLine: 'AIRCALL', seatUsageType: 'AGENT_STANDARD', seatPrice: usd(price), features: [] },
      addOns,
      // The account's charges for the whole cycle: each add-on bought (a purchase and one per user) and held account-level.
      account: keys.flatMap((addOnKey) => [
        { addOnKey, basis: 'BOUGHT' as const, unitPrice: usd(price), quantity: BOUNDS.licencesPerItem + BOUNDS.usersPerTenant, period: cycle },
        { addOnKey, basis: 'USER_LICENCES' as const, unitPrice: usd(price), quantity: 2 * BOUNDS.seatsPerTenant, period: cycle },
      ]),
      usage: USAGE_TYPES.flatMap((usageType) =>
        months.map((period) => ({
          kind: 'OVERAGE' as const,
          usageType,
          quantity: USAGE_TYPE_DEFINITIONS[usageType].aggregation === 'SUM' ? BOUNDS.meteredUnitsPerMonth : BOUNDS.levelPerReading,
          period,
        })),
      ),
      currency: 'USD',
    });
    for (const line of invoice.lines) {
      expect(Number.isSafeInteger(line.amount.amountMinor)).toBe(true);
      // A line's quantity is an Int of the schema.
      expect(line.quantity).toBeLessThanOrEqual(2 ** 31 - 1);
    }
    expect(invoice.lines.length).toBeGreaterThan(300);
    expect(Number.isSafeInteger(invoice.subtotal.amountMinor)).toBe(true);
    expect(invoice.subtotal.amountMinor).toBeLessThan(Number.MAX_SAFE_INTEGER / 2);
  });
});
