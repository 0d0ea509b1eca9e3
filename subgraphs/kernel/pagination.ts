import { DomainError } from './domain-error';

export const MAX_PAGE_SIZE = 500;

/** A page size between 1 and 500 (BAD_USER_INPUT otherwise): a page's cost must stay bounded. */
export function pageSize(first: number | null | undefined, fallback = 50): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new DomainError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

/** Opaque cursors: the key of the last row seen, base64url-encoded with a version prefix. */
export function encodeCursor(key: string): string {
  return Buffer.from(`v1:${key}`, 'utf8').toString('base64url');
}

/** The key of a cursor made by {@link encodeCursor}; BAD_USER_INPUT for anything else. */
export function decodeCursor(cursor: string | null | undefined): string | null {
  if (cursor == null) return null;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('v1:') || decoded.length === 3) {
    throw new DomainError('BAD_USER_INPUT', 'after is not a cursor of this connection');
  }
  return decoded.slice(3);
}

export interface Page<T> {
  readonly edges: readonly { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

/**
 * Builds a page from `size + 1` rows fetched after the cursor: the extra row only says
 * that a next page exists.
 */
export function toPage<T>(rows: readonly T[], size: number, keyOf: (row: T) => string): Page<T> {
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.length > 0 ? edges[edges.length - 1]!.cursor : null },
  };
}
