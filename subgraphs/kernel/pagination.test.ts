import { DomainError } from './domain-error';
import { decodeCursor, encodeCursor, pageSize, toPage } from './pagination';

describe('cursor pagination', () => {
  it('round-trips cursors and refuses strings that are not one', () => {
    expect(decodeCursor(encodeCursor('usr_1'))).toBe('usr_1');
    expect(decodeCursor(null)).toBeNull();
    expect(() => decodeCursor('usr_1')).toThrow(DomainError);
  });

  it('bounds the page size to 1..500', () => {
    expect(pageSize(undefined)).toBe(50);
    expect(pageSize(500)).toBe(500);
    expect(() => pageSize(0)).toThrow(DomainError);
    expect(() => pageSize(501)).toThrow(DomainError);
  });

  it('uses the extra row only to say a next page exists', () => {
    const page = toPage(['a', 'b', 'c'], 2, (x) => x);
    expect(page.edges.map((e) => e.node)).toEqual(['a', 'b']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor('b') });
    expect(toPage([], 2, (x: string) => x).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
