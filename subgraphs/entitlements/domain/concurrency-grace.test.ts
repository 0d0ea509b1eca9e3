import { analyseConcurrency, concurrencyAt, type SessionSpan } from './concurrency-grace';

const T0 = Date.UTC(2026, 5, 1, 8, 0, 0);
const min = (m: number) => T0 + m * 60_000;
const day = { from: T0 - 3_600_000, to: T0 + 24 * 3_600_000 };

function shift(count: number, start: number, end: number | null): SessionSpan[] {
  return Array.from({ length: count }, () => ({ start, end }));
}

describe('concurrent licences (R22, R23)', () => {
  it('R22: concurrency at t is the number of open sessions', () => {
    const sessions = [...shift(3, min(0), min(60)), ...shift(2, min(30), null)];
    expect(concurrencyAt(sessions, min(10))).toBe(3);
    expect(concurrencyAt(sessions, min(45))).toBe(5);
    expect(concurrencyAt(sessions, min(60))).toBe(2);
  });

  it('R23: 100 seats, 105 logged in for 20 minutes: nothing billable', () => {
    const sessions = [...shift(100, min(0), min(480)), ...shift(5, min(100), min(120))];
    const report = analyseConcurrency({ sessions, ...day, seats: 100 });
    expect(report).toEqual({ seats: 100, peak: 105, billableExcess: [] });
  });

  it('R23: 100 seats, 105 logged in for 45 minutes: 5 seats of overage', () => {
    const sessions = [...shift(100, min(0), min(480)), ...shift(5, min(100), min(145))];
    const report = analyseConcurrency({ sessions, ...day, seats: 100 });
    expect(report.billableExcess).toEqual([{ from: new Date(min(100)), to: new Date(min(145)), seats: 5 }]);
  });

  it('R23: an excess of exactly 30 minutes is still free; 30 minutes and one millisecond is not', () => {
    const base = shift(100, min(0), min(480));
    expect(analyseConcurrency({ sessions: [...base, ...shift(5, min(100), min(130))], ...day, seats: 100 }).billableExcess).toEqual([]);
    const longer = analyseConcurrency({ sessions: [...base, ...shift(5, min(100), min(130) + 1)], ...day, seats: 100 });
    expect(longer.billableExcess).toHaveLength(1);
  });

  it('R23: a stretch is billed at its peak excess', () => {
    const sessions = [...shift(100, min(0), min(480)), ...shift(3, min(100), min(160)), ...shift(4, min(110), min(120))];
    expect(analyseConcurrency({ sessions, ...day, seats: 100 }).billableExcess).toEqual([
      { from: new Date(min(100)), to: new Date(min(160)), seats: 7 },
    ]);
  });

  it('R23: two stretches split by a dip are judged separately', () => {
    const sessions = [...shift(100, min(0), min(480)), ...shift(5, min(100), min(125)), ...shift(5, min(126), min(150))];
    expect(analyseConcurrency({ sessions, ...day, seats: 100 }).billableExcess).toEqual([]);
    const longDip = [...shift(100, min(0), min(480)), ...shift(5, min(100), min(140)), ...shift(2, min(141), min(200))];
    expect(analyseConcurrency({ sessions: longDip, ...day, seats: 100 }).billableExcess).toEqual([
      { from: new Date(min(100)), to: new Date(min(140)), seats: 5 },
      { from: new Date(min(141)), to: new Date(min(200)), seats: 2 },
    ]);
  });

  it('R22: a handover (logout and login at the same instant) is not two sessions at once', () => {
    const sessions = [...shift(100, min(0), min(240)), ...shift(100, min(240), min(480))];
    expect(analyseConcurrency({ sessions, ...day, seats: 100 })).toEqual({ seats: 100, peak: 100, billableExcess: [] });
  });

  it('R22: a session never closed lasts until the end of the period; sessions outside it do not count', () => {
    const sessions = [...shift(100, min(0), null), ...shift(5, min(600), null), ...shift(50, day.to + 1, null), ...shift(50, day.from - 10, day.from)];
    const report = analyseConcurrency({ sessions, ...day, seats: 100 });
    expect(report.peak).toBe(105);
    expect(report.billableExcess).toEqual([{ from: new Date(min(600)), to: new Date(day.to), seats: 5 }]);
  });

  it('sweeps a million sessions given as typed arrays', () => {
    const n = 1_000_000;
    const starts = new Float64Array(n);
    const ends = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      starts[k] = T0 + (k % 10_000) * 60_000;
      ends[k] = k % 7 === 0 ? NaN : starts[k]! + 3_600_000;
    }
    const report = analyseConcurrency({ sessions: { starts, ends }, from: T0, to: T0 + 30 * 24 * 3_600_000, seats: 5_000 });
    expect(report.peak).toBeGreaterThan(5_000);
  });
});
