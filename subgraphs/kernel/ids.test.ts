import { newId } from './ids';

describe('ids', () => {
  it('are prefixed, 26 Crockford characters, and ordered by time', () => {
    const early = newId('usr', new Date('2026-01-01T00:00:00Z'));
    const late = newId('usr', new Date('2026-01-01T00:00:00.001Z'));
    expect(early).toMatch(/^usr_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(early < late).toBe(true);
  });

  it('made in the same millisecond, keep the order they were made in (R6 tie-break by creation)', () => {
    const at = new Date('2026-04-01T06:00:00Z');
    // Ids of other instants made in between do not break the order.
    const ids = Array.from({ length: 1000 }, (_, i) => {
      newId('evt', new Date(at.getTime() + i + 1));
      return newId('sub', at);
    });
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
  });
});
