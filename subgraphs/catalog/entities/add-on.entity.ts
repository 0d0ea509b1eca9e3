import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

import { ADD_ON_TYPES, EXHAUSTION_POLICIES, PRODUCT_LINES, SEAT_MODELS } from '../../kernel/catalog-terms';
import { USAGE_TYPES } from '../../kernel/usage-types';

export const AddOn = defineEntity({
  name: 'AddOn',
  tableName: 'add_on',
  properties: {
    key: p.string().primary(),
    name: p.string(),
    productLine: p.enum([...PRODUCT_LINES]).index(),
    type: p.enum([...ADD_ON_TYPES]),
    seatModel: p.enum([...SEAT_MODELS]),
    usageType: p.enum([...USAGE_TYPES]).nullable(),
    exhaustionPolicy: p.enum([...EXHAUSTION_POLICIES]),
    unitPriceMinor: p.integer(),
    currency: p.string().length(3),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type AddOnRow = InferEntity<typeof AddOn>;
