import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';

import { BoundedCache } from '../../server/bounded-cache';

/** How long an entry may be answered from memory before its rows are read again. */
export const PROCESS_CACHE_TTL_MS = 10_000;

/**
 * What a subgraph process keeps in memory of rows it reads on nearly every call and that
 * change only where this same process writes them. Each such writer calls
 * {@link forgetCached} for what it changed once its transaction has ended, and a read
 * that was under way at that moment does not fill the cache (it may have seen the rows
 * from before the commit), so a change is seen from the next request on, as when every
 * request read the tables. The TTL bounds what a process could miss were the tables
 * written by anything else. Only what exists is kept: a key read as absent is read again.
 *
 *  - `tenant-facts`: what scoping needs of a tenant (R33: that it exists, its partners'
 *    access). Written by Subscriptions' commands that add or raise a tenant's partner (a
 *    tenant just created is in no cache) and by the other subgraphs' consumers applying
 *    TenantCreated and PartnerAccessChanged to their directory.
 *  - `catalog-add-on`: Catalog's add-ons by key (R32 asks for their usage types on
 *    every question). Changed by Catalog's updateAddOn (a new add-on is in no cache).
 *  - `tenant-subscriptions`: a tenant's whole subscription history in Subscriptions
 *    (every primary, responsible and overage question, R34). Changed only by the
 *    commands that go through `changeTenantSubscriptions`
 *    (subscriptions/commands/lock-tenant.ts), which forgets each tenant it locked.
 *  - `subscription-owner`: the tenant of a replicated subscription, which Invoicing checks
 *    on every reference to one (R33). A subscription's tenant is set when it is created
 *    and nothing changes it, so nothing forgets it; a subscription not yet replicated is
 *    read again.
 */
export type CachedKind = 'tenant-facts' | 'catalog-add-on' | 'tenant-subscriptions' | 'subscription-owner';

class ProcessCache<V> {
  private readonly entries = new BoundedCache<string, { readonly value: V; readonly until: number }>(10_000);
  /** Moves on at every forget: fills that began before it are dropped. */
  generation = 0;

  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    return entry && entry.until > now ? entry.value : undefined;
  }

  fill(values: ReadonlyMap<string, V>, readSince: number, now: number): void {
    if (readSince !== this.generation) return;
    for (const [key, value] of values) this.entries.set(key, { value, until: now + PROCESS_CACHE_TTL_MS });
  }

  forget(key: string): void {
    this.generation++;
    this.entries.delete(key);
  }
}

/** One cache of each kind per opened database: an ORM and its request forks share their metadata. */
const caches = new WeakMap<object, Map<CachedKind, ProcessCache<unknown>>>();

function cacheOf<V>(em: EntityManager, kind: CachedKind): ProcessCache<V> {
  const owner = em.getMetadata();
  let kinds = caches.get(owner);
  if (!kinds) caches.set(owner, (kinds = new Map()));
  let cache = kinds.get(kind);
  if (!cache) kinds.set(kind, (cache = new ProcessCache<unknown>()));
  return cache as ProcessCache<V>;
}

/**
 * A request's loader of one cached kind: from memory, else `read` for the keys not in
 * memory (one query per batch); keys `read` does not return resolve to null.
 */
export function cachedLoader<V>(em: EntityManager, kind: CachedKind, read: (keys: readonly string[]) => Promise<readonly V[]>, keyOf: (value: V) => string): DataLoader<string, V | null> {
  const cache = cacheOf<V>(em, kind);
  return new DataLoader<string, V | null>(async (keys) => {
    const now = performance.now();
    const found = new Map<string, V>();
    const missing: string[] = [];
    for (const key of keys) {
      const value = cache.get(key, now);
      if (value === undefined) missing.push(key);
      else found.set(key, value);
    }
    if (missing.length > 0) {
      const readSince = cache.generation;
      const fresh = new Map((await read(missing)).map((value) => [keyOf(value), value] as const));
      cache.fill(fresh, readSince, now);
      for (const [key, value] of fresh) found.set(key, value);
    }
    return keys.map((key) => found.get(key) ?? null);
  });
}

/** After a transaction that may have changed what is cached under `key` has ended (committed or not): the next read goes to the tables. */
export function forgetCached(em: EntityManager, kind: CachedKind, key: string): void {
  cacheOf(em, kind).forget(key);
}
