import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

import { USAGE_TYPES } from '../../kernel/usage-types';

/** A usage reading (R4): a level for seat-like types, an increment for metered ones. */
export const UsageRecord = defineEntity({
  name: 'UsageRecord',
  tableName: 'usage_record',
  properties: {
    id: p.string().primary(),
    tenantId: p.string(),
    usageType: p.enum([...USAGE_TYPES]),
    quantity: p.integer(),
    at: p.datetime(),
  },
  // Every overage question is (tenant, type, time range): one index serves sums, peaks and the level before a period.
  indexes: [{ properties: ['tenantId', 'usageType', 'at'] }],
});
export type UsageRecordRow = InferEntity<typeof UsageRecord>;
