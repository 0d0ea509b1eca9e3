/**
 * Read paths that load thousands of rows (a tenant's whole subscription history, a page
 * of users with their assignments) skip entity hydration: QueryBuilder rows with
 * property names, converted here: entity hydration costs several times more per row
 * (bench/README.md). Drivers differ in what they hand back (SQLite: ISO strings
 * and JSON text; PostgreSQL: Date objects and parsed JSON), so conversion is explicit.
 */
export function instantOf(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  throw new TypeError(`not an instant: ${String(value)}`);
}

export function jsonOf<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function booleanOf(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}
