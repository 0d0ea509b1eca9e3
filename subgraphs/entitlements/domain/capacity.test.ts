import { refusalCode as code } from '../../../test/support/refusal-code';
import { balanceOf, fits, holdersBeyondCapacity, lapsesOverTime, licencesNeeded, planAssignment, type HolderSpan } from './capacity';
import { poolBalance } from './pool';

const plain = (licences: number) => ({ licences, cover: 0 });
const others = (n: number) => ({ covered: 0, others: n });
const d = (iso: string) => new Date(iso);

describe('assigning from a pool (R16, R18, R21)', () => {
  it('R16: toggling on takes one available licence; with none, AUTO_PURCHASE buys one and assigns it', () => {
    expect(planAssignment(plain(5), others(2), others(1), 'AUTO_PURCHASE')).toEqual({ fromPool: 1, toBuy: 0, after: poolBalance(5, 3) });
    expect(planAssignment(plain(5), others(5), others(1), 'AUTO_PURCHASE')).toEqual({ fromPool: 0, toBuy: 1, after: poolBalance(6, 6) });
  });

  it('R18: assigning N users takes what the pool has and buys exactly the gap', () => {
    expect(planAssignment(plain(10), others(7), others(8), 'AUTO_PURCHASE')).toEqual({ fromPool: 3, toBuy: 5, after: poolBalance(15, 15) });
    expect(planAssignment(plain(10), others(0), others(8), 'AUTO_PURCHASE').toBuy).toBe(0);
  });

  it('R21: under HARD_CAP an assignment beyond the purchased count is LICENSE_LIMIT_REACHED, all or nothing', () => {
    expect(code(() => planAssignment(plain(100), others(100), others(1), 'HARD_CAP'))).toBe('LICENSE_LIMIT_REACHED');
    expect(code(() => planAssignment(plain(100), others(98), others(3), 'HARD_CAP'))).toBe('LICENSE_LIMIT_REACHED');
    expect(planAssignment(plain(100), others(98), others(2), 'HARD_CAP').after).toEqual(poolBalance(100, 100));
  });
});

describe('Elite cover belongs to Elite users (R24, R37)', () => {
  // Premium (3 concurrent seats) and Elite (2 concurrent seats), no QM licence: the cover is the 2 Elite seats.
  const elite = { licences: 0, cover: 2 };

  it('R37: a Premium agent needs a QM licence and never takes an Elite seat’s cover; both Elite agents are covered', () => {
    expect(code(() => planAssignment(elite, { covered: 0, others: 0 }, { covered: 0, others: 1 }, 'HARD_CAP'))).toBe('LICENSE_LIMIT_REACHED');
    const first = planAssignment(elite, { covered: 0, others: 0 }, { covered: 1, others: 0 }, 'HARD_CAP');
    expect(first).toEqual({ fromPool: 1, toBuy: 0, after: poolBalance(2, 1, 2) });
    expect(planAssignment(elite, { covered: 1, others: 0 }, { covered: 1, others: 0 }, 'HARD_CAP').after).toEqual(poolBalance(2, 2, 2));
    // A third Elite agent needs a licence like anyone else.
    expect(code(() => planAssignment(elite, { covered: 2, others: 0 }, { covered: 1, others: 0 }, 'HARD_CAP'))).toBe('LICENSE_LIMIT_REACHED');
  });

  it('R24, R37: with licences bought, Elite users take the cover first and the licences after; the others take licences only', () => {
    const capacity = { licences: 1, cover: 2 };
    expect(licencesNeeded({ covered: 3, others: 0 }, 2)).toBe(1);
    expect(fits({ covered: 3, others: 0 }, capacity)).toBe(true);
    expect(fits({ covered: 2, others: 1 }, capacity)).toBe(true);
    expect(fits({ covered: 3, others: 1 }, capacity)).toBe(false);
    expect(planAssignment(capacity, { covered: 3, others: 0 }, { covered: 0, others: 1 }, 'AUTO_PURCHASE')).toEqual({ fromPool: 0, toBuy: 1, after: poolBalance(4, 4, 2) });
    expect(balanceOf(capacity, { covered: 1, others: 1 })).toEqual(poolBalance(3, 2, 2));
  });
});

describe('no silent over-assignment (R36)', () => {
  const holder = (id: string, day: number, covered = false) => ({ id, assignedAt: d(`2026-01-${String(day).padStart(2, '0')}T00:00:00Z`), covered });

  it('R36: a renewal that cuts AI Assist from 5 licences to 1, with 2 bought and 7 assigned, ends the 4 newest', () => {
    const seven = [1, 2, 3, 4, 5, 6, 7].map((day) => holder(`asg_${day}`, day));
    expect(holdersBeyondCapacity(seven, plain(1 + 2))).toEqual(['asg_7', 'asg_6', 'asg_5', 'asg_4']);
    expect(holdersBeyondCapacity(seven, plain(7))).toEqual([]);
  });

  it('R36, R37: a covered holder whose end frees nothing is skipped; the newest that frees a licence ends', () => {
    // Cover 2, one licence: the 2 covered holders fit the cover; the two others need two licences.
    const holders = [holder('other_old', 1), holder('elite_a', 2, true), holder('other_new', 3), holder('elite_b', 4, true)];
    expect(holdersBeyondCapacity(holders, { licences: 1, cover: 2 })).toEqual(['other_new']);
    // Without cover, the newest go whatever they are.
    expect(holdersBeyondCapacity(holders, { licences: 2, cover: 0 })).toEqual(['elite_b', 'other_new']);
  });

  it('R36: a term that ends without renewal ends, at its end, the assignments beyond the licences that remain (newest first); later ones are checked too', () => {
    const spans: HolderSpan[] = [
      { id: 'a', userId: 'u1', assignedAt: d('2026-01-01T00:00:00Z'), endsAt: null },
      { id: 'b', userId: 'u2', assignedAt: d('2026-02-01T00:00:00Z'), endsAt: null },
      { id: 'c', userId: 'u3', assignedAt: d('2026-03-01T00:00:00Z'), endsAt: d('2026-06-01T00:00:00Z') },
      { id: 'd', userId: 'u4', assignedAt: d('2027-02-01T00:00:00Z'), endsAt: null },
    ];
    // 3 licences until the term ends on 2027-01-01, then 1 bought one.
    const capacityAt = (at: Date) => plain(at.getTime() < d('2027-01-01T00:00:00Z').getTime() ? 3 : 1);
    const lapses = lapsesOverTime({
      holders: spans,
      instants: [d('2026-01-01T00:00:00Z'), d('2027-01-01T00:00:00Z'), ...spans.map((s) => s.assignedAt)],
      capacityAt,
      coveredAt: () => false,
    });
    // c was freed before; b, the newer of the two left, ends with the term; d (assigned after, into a full pool) ends when it starts.
    expect(Object.fromEntries([...lapses].map(([id, at]) => [id, at.toISOString()]))).toEqual({ b: '2027-01-01T00:00:00.000Z', d: '2027-02-01T00:00:00.000Z' });
  });
});
