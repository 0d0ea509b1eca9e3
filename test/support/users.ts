import type { EntityManager } from '@mikro-orm/core';

import { countCreatedUsers } from '../../subgraphs/entitlements/commands/count-users';
import { UserSubscriptionMapping } from '../../subgraphs/entitlements/entities/user-subscription-mapping.entity';
import { User } from '../../subgraphs/entitlements/entities/user.entity';
import { newId } from '../../subgraphs/kernel/ids';

/**
 * Writes `count` AGENT users of a tenant straight into Entitlements' tables, each mapped
 * to the subscription from `createdAt` and counted, as createUser leaves them: for data
 * sets of thousands of users (one mutation each would take minutes). Ids in creation
 * (and so page) order.
 */
export async function insertUsers(
  em: EntityManager,
  input: { tenantId: string; subscriptionId: string; count: number; createdAt: Date },
): Promise<string[]> {
  const { tenantId, subscriptionId, createdAt } = input;
  const ids = Array.from({ length: input.count }, () => newId('usr', createdAt)).sort();
  for (let i = 0; i < ids.length; i += 1_000) {
    const slice = ids.slice(i, i + 1_000);
    await em.fork().transactional(async (tx) => {
      await tx.insertMany(User, slice.map((id, k) => ({ id, tenantId, name: `User ${i + k}`, email: `u${i + k}@example.com`, role: 'AGENT' as const, createdAt })));
      await tx.insertMany(UserSubscriptionMapping, slice.map((userId) => ({ userId, from: createdAt, subscriptionId, tenantId })));
      await countCreatedUsers(tx, tenantId, slice.length);
    });
  }
  return ids;
}
