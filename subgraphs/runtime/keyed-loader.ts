import DataLoader from 'dataloader';

/**
 * A DataLoader whose batch function returns rows in any order: rows are matched back
 * to keys by `keyOf`, missing keys resolve to null. One query per batch, keys de-duplicated.
 */
export function keyedLoader<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<readonly V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map<K, V>();
    for (const row of rows) byKey.set(keyOf(row), row);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Like {@link keyedLoader}, but many rows per key (e.g. assignments by user id), in fetch order. */
export function groupedLoader<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<readonly V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map<K, V[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const group = byKey.get(key);
      if (group) group.push(row);
      else byKey.set(key, [row]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}
