import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

import { FEATURE_AVAILABILITIES } from '../../kernel/catalog-terms';

/** One cell of a plan's feature matrix (R1); a feature without a row is UNAVAILABLE. */
export const PlanFeature = defineEntity({
  name: 'PlanFeature',
  tableName: 'plan_feature',
  properties: {
    planKey: p.string().primary(),
    featureKey: p.string().primary(),
    availability: p.enum([...FEATURE_AVAILABILITIES]),
    position: p.integer(),
  },
});
export type PlanFeatureRow = InferEntity<typeof PlanFeature>;
