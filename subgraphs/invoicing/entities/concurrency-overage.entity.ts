import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

import { USAGE_TYPES } from '../../kernel/usage-types';

/**
 * A billable stretch of concurrent sessions above the seats (R23), as Entitlements
 * recorded it when it ended (ConcurrencyOverageRecorded): billed on the invoice of the
 * cycle it ended in, at its peak excess (R29). Keyed by the stretch, so it counts once.
 */
export const ConcurrencyOverage = defineEntity({
  name: 'ConcurrencyOverage',
  tableName: 'concurrency_overage',
  properties: {
    id: p.string().primary(),
    tenantId: p.string(),
    usageType: p.enum([...USAGE_TYPES]),
    fromAt: p.datetime(),
    toAt: p.datetime(),
    excess: p.integer(),
  },
  indexes: [{ properties: ['tenantId', 'toAt'] }],
});
export type ConcurrencyOverageRow = InferEntity<typeof ConcurrencyOverage>;
