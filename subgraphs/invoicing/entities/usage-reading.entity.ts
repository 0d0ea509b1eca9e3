import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

import { USAGE_TYPES } from '../../kernel/usage-types';

/**
 * Invoicing's copy of the usage readings recorded in Subscriptions (UsageRecorded, same
 * id): what overage (R9, R29) and metered usage lines are computed from.
 */
export const UsageReading = defineEntity({
  name: 'UsageReading',
  tableName: 'usage_reading',
  properties: {
    id: p.string().primary(),
    tenantId: p.string(),
    usageType: p.enum([...USAGE_TYPES]),
    quantity: p.integer(),
    at: p.datetime(),
  },
  indexes: [{ properties: ['tenantId', 'usageType', 'at'] }],
});
export type UsageReadingRow = InferEntity<typeof UsageReading>;
