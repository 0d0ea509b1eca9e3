import { raw, type EntityManager } from '@mikro-orm/core';

import { DomainError } from '../../kernel/domain-error';
import { newId } from '../../kernel/ids';
import type { UsageRecorded } from '../../kernel/integration-events';
import { assertWithin, BOUNDS, readingBound } from '../../kernel/bounds';
import { USAGE_TYPE_DEFINITIONS, type UsageType } from '../../kernel/usage-types';
import { enqueueEvents, newEvent } from '../../runtime/outbox';
import { Tenant } from '../entities/tenant.entity';
import { UsageMonthTotal } from '../entities/usage-month-total.entity';
import { UsageRecord, type UsageRecordRow } from '../entities/usage-record.entity';

/**
 * R4, R9: records a usage reading: the level at `at` for seat-like types, an increment
 * for metered ones (the catalog's usage type definitions say which). Invoicing gets it
 * as UsageRecorded, in the same transaction (R29).
 */
export async function recordUsage(
  em: EntityManager,
  input: { tenantId: string; usageType: UsageType; quantity: number },
  at: Date,
): Promise<UsageRecordRow> {
  assertWithin(input.quantity, readingBound(input.usageType), `a ${input.usageType} reading`);
  return em.transactional(async (tx) => {
    if (!(await tx.findOne(Tenant, { id: input.tenantId }))) throw new DomainError('NOT_FOUND', `no tenant ${input.tenantId}`);
    if (USAGE_TYPE_DEFINITIONS[input.usageType].aggregation === 'SUM') await assertMonthWithinBound(tx, input, at);
    const row = tx.create(UsageRecord, { id: newId('use', at), ...input, at });
    tx.persist(row);
    enqueueEvents(tx, [
      newEvent<UsageRecorded>(
        'UsageRecorded',
        { readingId: row.id, tenantId: row.tenantId, usageType: row.usageType, quantity: row.quantity, at: at.toISOString() },
        at,
      ),
    ]);
    return row;
  });
}

/**
 * R39: a tenant's metered usage of a type within a calendar month stays within
 * `meteredUnitsPerMonth` (a month's usage is one invoice line): the month's kept total
 * is raised only where the reading keeps it within the bound, in one statement.
 */
async function assertMonthWithinBound(tx: EntityManager, input: { tenantId: string; usageType: UsageType; quantity: number }, at: Date): Promise<void> {
  const month = at.toISOString().slice(0, 7);
  const key = { tenantId: input.tenantId, usageType: input.usageType, month };
  await tx.upsert(UsageMonthTotal, { ...key, units: 0 }, { onConflictAction: 'ignore' });
  const raised = await tx.nativeUpdate(UsageMonthTotal, { ...key, units: { $lte: BOUNDS.meteredUnitsPerMonth - input.quantity } }, { units: raw(`units + ${Math.trunc(input.quantity)}`) });
  if (raised === 0) {
    throw new DomainError('BAD_USER_INPUT', `the tenant's ${input.usageType} usage in ${month} would pass ${BOUNDS.meteredUnitsPerMonth.toLocaleString('en-US')} units, the most a month may hold`);
  }
}
