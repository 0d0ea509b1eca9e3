import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';

import type { TenantAccessFacts } from '../kernel/tenant-access';
import { BoundedCache } from './bounded-cache';

/** How long a tenant's facts may be answered from memory before its tables are read again. */
export const TENANT_FACTS_TTL_MS = 10_000;

/**
 * What scoping needs of a tenant (R33: that it exists, its partners' access), as this
 * process last read it. Every tenant-scoped call a subgraph answers starts with these
 * facts, and they change only where this process writes them: Subscriptions' commands
 * that add or raise a tenant's partner (a tenant just created is in no cache), and the
 * other subgraphs' consumers applying TenantCreated and PartnerAccessChanged to their
 * directory. Each writer forgets the tenant once its
 * transaction has ended ({@link forgetTenantFacts}), and a read that was under way
 * meanwhile does not fill the cache (it may have seen the rows from before the commit),
 * so a changed access is honoured from the next request on, as when every request read
 * the tables. The TTL bounds what a process could miss were the tables written by
 * anything else. Only tenants that exist are kept.
 */
class TenantFactsCache {
  private readonly entries = new BoundedCache<string, { readonly facts: TenantAccessFacts; readonly until: number }>(10_000);
  /** Moves on at every forget: fills that began before it are dropped. */
  generation = 0;

  get(tenantId: string, now: number): TenantAccessFacts | undefined {
    const entry = this.entries.get(tenantId);
    return entry && entry.until > now ? entry.facts : undefined;
  }

  fill(facts: readonly TenantAccessFacts[], readSince: number, now: number): void {
    if (readSince !== this.generation) return;
    for (const f of facts) this.entries.set(f.tenantId, { facts: f, until: now + TENANT_FACTS_TTL_MS });
  }

  forget(tenantId: string): void {
    this.generation++;
    this.entries.delete(tenantId);
  }
}

/** One cache per opened database: an ORM and its request forks share their metadata. */
const caches = new WeakMap<object, TenantFactsCache>();

function cacheOf(em: EntityManager): TenantFactsCache {
  const owner = em.getMetadata();
  let cache = caches.get(owner);
  if (!cache) {
    cache = new TenantFactsCache();
    caches.set(owner, cache);
  }
  return cache;
}

/**
 * A request's loader of tenant facts: from memory, else `read` (one query per batch of
 * the tenants not in memory). Tenants `read` does not return resolve to null.
 */
export function cachedTenantFacts(em: EntityManager, read: (ids: readonly string[]) => Promise<readonly TenantAccessFacts[]>): DataLoader<string, TenantAccessFacts | null> {
  const cache = cacheOf(em);
  return new DataLoader<string, TenantAccessFacts | null>(async (ids) => {
    const now = performance.now();
    const found = new Map<string, TenantAccessFacts>();
    const missing: string[] = [];
    for (const id of ids) {
      const facts = cache.get(id, now);
      if (facts) found.set(id, facts);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const readSince = cache.generation;
      const fresh = await read(missing);
      cache.fill(fresh, readSince, now);
      for (const facts of fresh) found.set(facts.tenantId, facts);
    }
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** After a transaction that may have changed a tenant's facts has ended (committed or not): the next read goes to the tables. */
export function forgetTenantFacts(em: EntityManager, tenantId: string): void {
  cacheOf(em).forget(tenantId);
}
