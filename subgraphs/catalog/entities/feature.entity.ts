import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

import { PRODUCT_LINES } from '../../kernel/catalog-terms';

export const Feature = defineEntity({
  name: 'Feature',
  tableName: 'feature',
  properties: {
    key: p.string().primary(),
    name: p.string(),
    productLine: p.enum([...PRODUCT_LINES]).index(),
    addOnKey: p.string().nullable(),
    position: p.integer(),
  },
});
export type FeatureRow = InferEntity<typeof Feature>;
