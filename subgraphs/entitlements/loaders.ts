import { raw } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type DataLoader from 'dataloader';

import type { TenantAccessFacts } from '../kernel/tenant-access';
import { CATALOG_REPLICA_LOADERS, type CatalogReplicaLoaders } from '../runtime/catalog-replica';
import { concatAggregate } from '../runtime/orm';
import { groupedLoader, keyedLoader } from '../runtime/keyed-loader';
import { lazyLoaders, type LoaderDeps } from '../runtime/lazy-loaders';
import { countRows, readRows } from '../runtime/read-rows';
import { SUBSCRIPTION_REPLICA_LOADERS, SubscriptionReplica, type SubscriptionReplicaLoaders } from '../runtime/subscription-replica';
import { fromSnapshot } from '../kernel/replicated-subscription';
import type { SubscriptionSnapshot } from '../kernel/integration-events';
import { licencesFromSubscriptions } from '../kernel/pool-capacity';
import { directoryFactsByTenantId } from '../runtime/tenant-directory';
import { AddOnEnforcement, type AddOnEnforcementRow } from './entities/add-on-enforcement.entity';
import { AddOnTrial, type AddOnTrialRow } from './entities/add-on-trial.entity';
import { AgentSession } from './entities/agent-session.entity';
import { Assignment, type AssignmentEnding } from './entities/assignment.entity';
import { PoolPurchase, type PoolPurchaseRow } from './entities/pool-purchase.entity';
import { UserSubscriptionMapping, type UserSubscriptionMappingRow } from './entities/user-subscription-mapping.entity';
import { TenantUserCount } from './entities/tenant-user-count.entity';
import { User, type UserRow } from './entities/user.entity';

/** An assignment as the read path needs it (plain rows, no hydration). */
export interface AssignmentFact {
  readonly userId: string;
  readonly addOnKey: string;
  readonly assignedAt: Date;
  readonly unassignedAt: Date | null;
  /** Why it ends (R17, R36); null while held with no end. */
  readonly ending: AssignmentEnding | null;
}

export interface EntitlementsLoaders extends SubscriptionReplicaLoaders, CatalogReplicaLoaders {
  readonly userById: DataLoader<string, UserRow | null>;
  readonly tenantFactsById: DataLoader<string, TenantAccessFacts | null>;
  /** R12: every mapping of a user, for `subscription(at)`. */
  readonly mappingsByUserId: DataLoader<string, UserSubscriptionMappingRow[]>;
  /** Every assignment of a user, revoked ones too (access at any instant). */
  readonly assignmentsByUserId: DataLoader<string, AssignmentFact[]>;
  readonly purchasesByTenantId: DataLoader<string, PoolPurchaseRow[]>;
  readonly trialsByTenantId: DataLoader<string, AddOnTrialRow[]>;
  readonly enforcementsByTenantId: DataLoader<string, AddOnEnforcementRow[]>;
  /** Assignments of an add-on active at t. */
  assignedAt(tenantId: string, addOnKey: string, at: Date): Promise<number>;
  /** Users of the tenant created at or before t. */
  usersAt(tenantId: string, at: Date): Promise<number>;
  /** Every mapping of every user of the tenant (the R24 report). */
  tenantMappings(tenantId: string): Promise<UserSubscriptionMappingRow[]>;
  /** R22: logins and logouts (epoch ms, NaN while open) of sessions overlapping [from, to). */
  sessionBounds(tenantId: string, from: number, to: number): Promise<{ starts: Float64Array; ends: Float64Array }>;
  /** Cross-tenant utilisation of an add-on now (analytics). */
  addOnUtilization(addOnKey: string, at: Date): Promise<{ tenants: number; purchased: number; assigned: number }>;
  /** A page of a tenant's users after a cursor key, `limit` rows, in id (creation) order. */
  usersPage(tenantId: string, afterId: string | null, limit: number): Promise<UserRow[]>;
  countUsers(tenantId: string): Promise<number>;
}

/** Per-request loaders of Entitlements, each made on first use (runtime/lazy-loaders.ts); every batch is one query. */
export const createEntitlementsLoaders = lazyLoaders<LoaderDeps<SqlEntityManager>, EntitlementsLoaders>({
  ...SUBSCRIPTION_REPLICA_LOADERS,
  ...CATALOG_REPLICA_LOADERS,
  assignmentsByUserId: ({ em }) =>
    groupedLoader(
      async (ids: readonly string[]) =>
        (await readRows(em, Assignment, { userId: ids })).map(({ userId, addOnKey, assignedAt, unassignedAt, ending }) => ({
          userId,
          addOnKey,
          assignedAt,
          unassignedAt: unassignedAt ?? null,
          ending: ending ?? null,
        })),
      (row) => row.userId,
    ),
  purchasesByTenantId: ({ em }) => groupedLoader((ids: readonly string[]) => readRows(em, PoolPurchase, { tenantId: ids }), (row) => row.tenantId),
  trialsByTenantId: ({ em }) => groupedLoader((ids: readonly string[]) => readRows(em, AddOnTrial, { tenantId: ids }), (row) => row.tenantId),
  enforcementsByTenantId: ({ em }) => groupedLoader((ids: readonly string[]) => readRows(em, AddOnEnforcement, { tenantId: ids }), (row) => row.tenantId),
  assignedAt: ({ em }) => (tenantId, addOnKey, at) =>
    countRows(em, Assignment, { tenantId, addOnKey, assignedAt: { $lte: at }, $or: [{ unassignedAt: null }, { unassignedAt: { $gt: at } }] }),
  usersAt: ({ em }) => (tenantId, at) => countRows(em, User, { tenantId, createdAt: { $lte: at } }),
  tenantMappings: ({ em }) => (tenantId) => readRows(em, UserSubscriptionMapping, { tenantId }),
  addOnUtilization: ({ em }) => async (addOnKey, at) => {
    const [purchases, assigned, replicas] = await Promise.all([
      readRows(em, PoolPurchase, { addOnKey, at: { $lte: at } }),
      countRows(em, Assignment, { addOnKey, assignedAt: { $lte: at }, $or: [{ unassignedAt: null }, { unassignedAt: { $gt: at } }] }),
      readRows(em, SubscriptionReplica, {}),
    ]);
    const byTenant = new Map<string, number>();
    for (const purchase of purchases) byTenant.set(purchase.tenantId, (byTenant.get(purchase.tenantId) ?? 0) + purchase.quantity);
    for (const row of replicas) {
      const subscription = fromSnapshot(JSON.parse(row.document) as SubscriptionSnapshot);
      const quantity = licencesFromSubscriptions([subscription], addOnKey, at);
      if (quantity > 0) byTenant.set(subscription.tenantId, (byTenant.get(subscription.tenantId) ?? 0) + quantity);
    }
    return { tenants: byTenant.size, purchased: [...byTenant.values()].reduce((a, b) => a + b, 0), assigned };
  },
  sessionBounds: ({ em }) => (tenantId, from, to) => readSessionBounds(em, tenantId, from, to),
  mappingsByUserId: ({ em }) => groupedLoader((ids: readonly string[]) => readRows(em, UserSubscriptionMapping, { userId: ids }), (row) => row.userId),
  userById: ({ em }) => keyedLoader((ids: readonly string[]) => readRows(em, User, { id: ids }), (user) => user.id),
  tenantFactsById: ({ em }) => directoryFactsByTenantId(em),
  usersPage: ({ em }) => (tenantId, afterId, limit) =>
    readRows(em, User, afterId ? { tenantId, id: { $gt: afterId } } : { tenantId }, { orderBy: { id: 'asc' }, limit }),
  countUsers: ({ em }) => async (tenantId) => (await readRows(em, TenantUserCount, { tenantId }))[0]?.users ?? 0,
});

/** The (start, end) of a tenant's sessions overlapping [from, to), as typed arrays (end NaN while open). */
export async function readSessionBounds(em: SqlEntityManager, tenantId: string, from: number, to: number): Promise<{ starts: Float64Array; ends: Float64Array }> {
  // One aggregated text value instead of a million rows (see concatAggregate).
  const [row] = await em
    .createQueryBuilder(AgentSession)
    .select(raw(`${concatAggregate(em, "started_at_ms || ':' || coalesce(ended_at_ms, -1)")} as spans`))
    .where({ tenantId, startedAtMs: { $lt: to }, $or: [{ endedAtMs: null }, { endedAtMs: { $gt: from } }] })
    .execute<{ spans: string | null }[]>('all');
  return parseSpans(row?.spans ?? '');
}

/** "start:end,start:end" (end -1 while open) into typed arrays, end NaN while open. */
export function parseSpans(text: string): { starts: Float64Array; ends: Float64Array } {
  if (text === '') return { starts: new Float64Array(0), ends: new Float64Array(0) };
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) count++;
  const starts = new Float64Array(count);
  const ends = new Float64Array(count);
  let k = 0;
  let position = 0;
  while (position < text.length) {
    const colon = text.indexOf(':', position);
    let comma = text.indexOf(',', colon);
    if (comma === -1) comma = text.length;
    starts[k] = Number(text.slice(position, colon));
    const end = Number(text.slice(colon + 1, comma));
    ends[k] = end < 0 ? NaN : end;
    k++;
    position = comma + 1;
  }
  return { starts, ends };
}
