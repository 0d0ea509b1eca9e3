import type { EntityManager } from '@mikro-orm/core';

import { DomainError } from '../../kernel/domain-error';
import { newId } from '../../kernel/ids';
import type { UsageRecorded } from '../../kernel/integration-events';
import type { UsageType } from '../../kernel/usage-types';
import { enqueueEvents, newEvent } from '../../runtime/outbox';
import { Tenant } from '../entities/tenant.entity';
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
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 0) {
    throw new DomainError('BAD_USER_INPUT', 'a usage quantity is a whole number, not negative');
  }
  return em.transactional(async (tx) => {
    if (!(await tx.findOne(Tenant, { id: input.tenantId }))) throw new DomainError('NOT_FOUND', `no tenant ${input.tenantId}`);
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
