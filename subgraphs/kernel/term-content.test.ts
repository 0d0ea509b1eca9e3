import { refusalCode as code } from '../../test/support/refusal-code';
import { firstTerm, renewedTerm } from './term-content';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('subscription content and renewal (R5)', () => {
  const first = firstTerm({
    startsAt: d('2026-01-01'),
    endsAt: d('2027-01-01'),
    items: [{ usageType: 'AGENT_STANDARD', quantity: 10 }, { usageType: 'AI_AGENT', quantity: 1000, since: d('2025-06-01') }],
    addOns: [{ addOnKey: 'ai_assist', quantity: 5 }],
  });

  it('R5: items are dated from the term start unless an earlier first inclusion is given', () => {
    expect(first.items).toEqual([
      { usageType: 'AGENT_STANDARD', quantity: 10, since: d('2026-01-01') },
      { usageType: 'AI_AGENT', quantity: 1000, since: d('2025-06-01') },
    ]);
  });

  it('R5: a renewal starts at the end by default, keeps content and dates, and adds new types dated at its start', () => {
    const same = renewedTerm([first], { endsAt: d('2028-01-01') });
    expect(same.startsAt).toEqual(d('2027-01-01'));
    expect(same.items).toEqual(first.items);
    expect(same.addOns).toEqual(first.addOns);
    const grown = renewedTerm([first], {
      startsAt: d('2027-03-01'),
      endsAt: d('2028-03-01'),
      items: [{ usageType: 'AGENT_STANDARD', quantity: 20 }, { usageType: 'IVR_OUTBOUND_CAMPAIGN', quantity: 50 }],
    });
    expect(grown.items).toEqual([
      { usageType: 'AGENT_STANDARD', quantity: 20, since: d('2026-01-01') },
      { usageType: 'IVR_OUTBOUND_CAMPAIGN', quantity: 50, since: d('2027-03-01') },
    ]);
  });

  it('refuses a term that ends before it starts, a renewal overlapping the current term, negative or repeated quantities', () => {
    expect(code(() => firstTerm({ startsAt: d('2026-02-01'), endsAt: d('2026-01-01'), items: [], addOns: [] }))).toBe('BAD_USER_INPUT');
    expect(code(() => firstTerm({ startsAt: d('2026-01-01'), endsAt: d('2026-01-01'), items: [], addOns: [] }))).toBe('BAD_USER_INPUT');
    expect(code(() => renewedTerm([first], { startsAt: d('2026-12-01'), endsAt: d('2028-01-01') }))).toBe('BAD_USER_INPUT');
    expect(code(() => firstTerm({ startsAt: d('2026-01-01'), endsAt: d('2027-01-01'), items: [{ usageType: 'IVR', quantity: -1 }], addOns: [] }))).toBe('BAD_USER_INPUT');
    expect(code(() => firstTerm({ startsAt: d('2026-01-01'), endsAt: d('2027-01-01'), items: [{ usageType: 'IVR', quantity: 1.5 }], addOns: [] }))).toBe('BAD_USER_INPUT');
    expect(
      code(() =>
        firstTerm({ startsAt: d('2026-01-01'), endsAt: d('2027-01-01'), items: [{ usageType: 'IVR', quantity: 1 }, { usageType: 'IVR', quantity: 2 }], addOns: [] }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(code(() => firstTerm({ startsAt: d('2026-01-01'), endsAt: d('2027-01-01'), items: [], addOns: [{ addOnKey: 'x', quantity: -2 }] }))).toBe('BAD_USER_INPUT');
    expect(
      code(() => firstTerm({ startsAt: d('2026-01-01'), endsAt: d('2027-01-01'), items: [{ usageType: 'IVR', quantity: 1, since: d('2026-02-01') }], addOns: [] })),
    ).toBe('BAD_USER_INPUT');
  });
});
