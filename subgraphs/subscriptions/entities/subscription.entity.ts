import { BILLING_INTERVALS } from '../../kernel/billing-cycle';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const Subscription = defineEntity({
  name: 'Subscription',
  tableName: 'subscription',
  properties: {
    id: p.string().primary(),
    tenantId: p.string().index(),
    name: p.string(),
    department: p.string(),
    planKey: p.string(),
    licensingModel: p.enum(['NAMED', 'CONCURRENT'] as const),
    telephony: p.string(),
    offer: p.enum(['FLEX', 'FLEX_3', 'STANDARD'] as const),
    hybrid: p.boolean(),
    billingInterval: p.enum([...BILLING_INTERVALS]),
    /** Start of the first term; renewal keeps it (R6). */
    originalStartsAt: p.datetime(),
    createdAt: p.datetime(),
  },
});
export type SubscriptionRow = InferEntity<typeof Subscription>;
