import { parseInstant } from './instant';

describe('instants read strictly (the DateTime scalar)', () => {
  it('reads an instant with a zone, in UTC, keeping milliseconds', () => {
    expect(parseInstant('2026-06-30T00:00:00Z')?.toISOString()).toBe('2026-06-30T00:00:00.000Z');
    expect(parseInstant('2026-06-30T02:30:00+02:30')?.toISOString()).toBe('2026-06-30T00:00:00.000Z');
    expect(parseInstant('2026-06-29T23:00:00-01:00')?.toISOString()).toBe('2026-06-30T00:00:00.000Z');
    expect(parseInstant('2026-06-30T00:00:00.123456789Z')?.toISOString()).toBe('2026-06-30T00:00:00.123Z');
    expect(parseInstant('2026-06-30T00:00:00.5Z')?.toISOString()).toBe('2026-06-30T00:00:00.500Z');
    expect(parseInstant('2028-02-29T12:00:00Z')?.toISOString()).toBe('2028-02-29T12:00:00.000Z');
    expect(parseInstant('0050-01-01T00:00:00Z')?.toISOString()).toBe('0050-01-01T00:00:00.000Z');
  });

  it('refuses what is not an instant: no zone, a bare date, words', () => {
    for (const text of ['not a date', '2026-01-01T00:00:00', '2026-01-01', '', '2026-01-01 00:00:00Z', '2026-1-1T00:00:00Z', ' 2026-01-01T00:00:00Z']) {
      expect(parseInstant(text)).toBeNull();
    }
  });

  it('refuses fields out of their calendar range instead of rolling them over', () => {
    for (const text of ['2026-02-30T00:00:00Z', '2027-02-29T00:00:00Z', '2026-13-45T00:00:00Z', '2026-00-10T00:00:00Z', '2026-04-31T00:00:00Z', '2026-01-00T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T12:60:00Z', '2026-01-01T12:00:60Z', '2026-01-01T00:00:00+24:00', '2026-01-01T00:00:00+01:60']) {
      expect(parseInstant(text)).toBeNull();
    }
  });
});
