import { currentTerm, statusAt, termAt, type TermWindow } from './subscription-terms';

const d = (iso: string) => new Date(iso);
const terms: TermWindow[] = [
  { startsAt: d('2026-01-01T00:00:00Z'), endsAt: d('2026-07-01T00:00:00Z') },
  // Renewed after a gap: 2026-07-01 to 2026-08-01 is not active.
  { startsAt: d('2026-08-01T00:00:00Z'), endsAt: d('2027-08-01T00:00:00Z') },
];

describe('subscription terms (R5)', () => {
  it('R5: a subscription is ACTIVE at t when start <= t < end', () => {
    expect(statusAt(terms, d('2026-01-01T00:00:00Z'))).toBe('ACTIVE');
    expect(statusAt(terms, d('2026-06-30T23:59:59.999Z'))).toBe('ACTIVE');
    expect(statusAt(terms, d('2026-07-01T00:00:00Z'))).toBe('EXPIRED');
  });

  it('R5: the gap between an expiry and a renewal is not active; the renewal is', () => {
    expect(statusAt(terms, d('2026-07-15T00:00:00Z'))).toBe('EXPIRED');
    expect(termAt(terms, d('2026-07-15T00:00:00Z'))).toBeNull();
    expect(termAt(terms, d('2026-08-01T00:00:00Z'))).toBe(terms[1]);
    expect(statusAt(terms, d('2027-08-01T00:00:00Z'))).toBe('EXPIRED');
  });

  it('R5: before the first start a subscription is PENDING', () => {
    expect(statusAt(terms, d('2025-12-31T23:59:59Z'))).toBe('PENDING');
    expect(statusAt([], d('2025-12-31T23:59:59Z'))).toBe('PENDING');
  });

  it('finds the term among many by binary search', () => {
    const many: TermWindow[] = Array.from({ length: 1000 }, (_, i) => ({
      startsAt: new Date(Date.UTC(2000, i, 1)),
      endsAt: new Date(Date.UTC(2000, i, 20)),
    }));
    expect(termAt(many, new Date(Date.UTC(2000, 500, 10)))).toBe(many[500]);
    expect(termAt(many, new Date(Date.UTC(2000, 500, 25)))).toBeNull();
  });

  it('the current term is the active one, else the last started, else the first', () => {
    expect(currentTerm(terms, d('2026-03-01T00:00:00Z'))).toBe(terms[0]);
    expect(currentTerm(terms, d('2026-07-15T00:00:00Z'))).toBe(terms[0]);
    expect(currentTerm(terms, d('2030-01-01T00:00:00Z'))).toBe(terms[1]);
    expect(currentTerm(terms, d('2020-01-01T00:00:00Z'))).toBe(terms[0]);
  });
});
