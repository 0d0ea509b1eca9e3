import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

import { PRODUCT_LINES } from '../../kernel/catalog-terms';
import { USAGE_TYPES } from '../../kernel/usage-types';

export const Plan = defineEntity({
  name: 'Plan',
  tableName: 'plan',
  properties: {
    key: p.string().primary(),
    name: p.string(),
    productLine: p.enum([...PRODUCT_LINES]).index(),
    seatUsageType: p.enum([...USAGE_TYPES]),
    seatPriceMinor: p.integer(),
    currency: p.string().length(3),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type PlanRow = InferEntity<typeof Plan>;
