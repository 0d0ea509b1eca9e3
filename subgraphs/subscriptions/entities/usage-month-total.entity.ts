import { defineEntity, p } from '@mikro-orm/core';

import { USAGE_TYPES } from '../../kernel/usage-types';

/**
 * A tenant's metered usage of one type in one calendar month (UTC), kept by the command
 * that records a reading: R39's bound on a month is checked and raised in one
 * conditional update, so concurrent readings cannot pass it together.
 */
export const UsageMonthTotal = defineEntity({
  name: 'UsageMonthTotal',
  tableName: 'usage_month_total',
  properties: {
    tenantId: p.string().primary(),
    usageType: p.enum([...USAGE_TYPES]).primary(),
    /** `YYYY-MM`. */
    month: p.string().length(7).primary(),
    units: p.bigint('number').default(0),
  },
});
