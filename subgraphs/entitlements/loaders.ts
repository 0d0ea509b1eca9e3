import type { EntityManager } from '@mikro-orm/core';
import type DataLoader from 'dataloader';

import type { TenantAccessFacts } from '../kernel/tenant-access';
import { groupedLoader, keyedLoader } from '../runtime/keyed-loader';
import { createSubscriptionReplicaLoaders, type SubscriptionReplicaLoaders } from '../runtime/subscription-replica';
import { directoryFactsByTenantId } from '../runtime/tenant-directory';
import { UserSubscriptionMapping, type UserSubscriptionMappingRow } from './entities/user-subscription-mapping.entity';
import { User, type UserRow } from './entities/user.entity';

export interface EntitlementsLoaders extends SubscriptionReplicaLoaders {
  readonly userById: DataLoader<string, UserRow | null>;
  readonly tenantFactsById: DataLoader<string, TenantAccessFacts | null>;
  /** R12: every mapping of a user, for `subscription(at)`. */
  readonly mappingsByUserId: DataLoader<string, UserSubscriptionMappingRow[]>;
  /** A page of a tenant's users after a cursor key, `limit` rows, in id (creation) order. */
  usersPage(tenantId: string, afterId: string | null, limit: number): Promise<UserRow[]>;
  countUsers(tenantId: string): Promise<number>;
}

export function createEntitlementsLoaders(em: EntityManager): EntitlementsLoaders {
  return {
    ...createSubscriptionReplicaLoaders(em),
    mappingsByUserId: groupedLoader(
      (ids: readonly string[]) => em.find(UserSubscriptionMapping, { userId: { $in: [...ids] } }),
      (row) => row.userId,
    ),
    userById: keyedLoader((ids: readonly string[]) => em.find(User, { id: { $in: [...ids] } }), (user) => user.id),
    tenantFactsById: directoryFactsByTenantId(em),
    usersPage: (tenantId, afterId, limit) =>
      em.find(User, afterId ? { tenantId, id: { $gt: afterId } } : { tenantId }, { orderBy: { id: 'asc' }, limit }),
    countUsers: (tenantId) => em.count(User, { tenantId }),
  };
}
