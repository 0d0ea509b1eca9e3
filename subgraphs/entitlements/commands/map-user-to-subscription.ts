import type { EntityManager } from '@mikro-orm/core';

import { DomainError } from '../../kernel/domain-error';
import { recordAudit } from '../../runtime/audit';
import { SubscriptionReplica } from '../../runtime/subscription-replica';
import { assertMappable } from '../domain/user-mapping';
import { UserSubscriptionMapping } from '../entities/user-subscription-mapping.entity';
import { User, type UserRow } from '../entities/user.entity';

/**
 * R12: maps a user to a subscription of its tenant from `at` on. Runs in the caller's
 * transaction (createUser maps in the same one).
 */
export async function mapUser(tx: EntityManager, user: UserRow, subscriptionId: string, at: Date): Promise<void> {
  const subscription = await tx.findOne(SubscriptionReplica, { id: subscriptionId });
  assertMappable(user.tenantId, subscription, subscriptionId);
  await tx.upsert(UserSubscriptionMapping, { userId: user.id, from: at, subscriptionId, tenantId: user.tenantId });
}

export async function mapUserToSubscription(em: EntityManager, userId: string, subscriptionId: string, at: Date, actor: string): Promise<UserRow> {
  return em.transactional(async (tx) => {
    const user = await tx.findOne(User, { id: userId });
    if (!user) throw new DomainError('NOT_FOUND', `no user ${userId}`);
    await mapUser(tx, user, subscriptionId, at);
    recordAudit(tx, [{ tenantId: user.tenantId, action: 'user.mapped', entityType: 'User', entityId: user.id, after: { subscriptionId, from: at } }], actor, at);
    return user;
  });
}
