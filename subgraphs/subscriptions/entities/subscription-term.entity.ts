import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

import type { UsageType } from '../../kernel/usage-types';

export interface StoredItem {
  usageType: UsageType;
  quantity: number;
  /** ISO instant. */
  since: string;
}

export interface StoredAddOn {
  addOnKey: string;
  quantity: number;
}

/**
 * One term of a subscription (R5) with its content: a renewal adds a row, so every
 * earlier term stays answerable `at` its time (R34). The tenant id is repeated here so
 * a tenant's whole history loads in one query.
 */
export const SubscriptionTerm = defineEntity({
  name: 'SubscriptionTerm',
  tableName: 'subscription_term',
  properties: {
    subscriptionId: p.string().primary(),
    seq: p.integer().primary(),
    tenantId: p.string().index(),
    startsAt: p.datetime(),
    endsAt: p.datetime(),
    items: p.json<StoredItem[]>(),
    addOns: p.json<StoredAddOn[]>(),
  },
});
export type SubscriptionTermRow = InferEntity<typeof SubscriptionTerm>;
