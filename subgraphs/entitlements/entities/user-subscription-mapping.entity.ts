import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * R12: from `from` on, the user is mapped to this subscription (until a later mapping).
 * History is kept so `user.subscription(at)` answers for any instant (R34).
 */
export const UserSubscriptionMapping = defineEntity({
  name: 'UserSubscriptionMapping',
  tableName: 'user_subscription_mapping',
  properties: {
    userId: p.string().primary(),
    from: p.datetime().primary(),
    subscriptionId: p.string().index(),
    tenantId: p.string(),
  },
});
export type UserSubscriptionMappingRow = InferEntity<typeof UserSubscriptionMapping>;
