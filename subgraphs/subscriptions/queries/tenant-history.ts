import type { EntityManager } from '@mikro-orm/core';

import { SubscriptionTerm } from '../entities/subscription-term.entity';
import { Subscription } from '../entities/subscription.entity';
import { toView, type SubscriptionView } from '../entities/subscription-views';

/**
 * Every subscription of a tenant with its terms, as a command sees them in its
 * transaction (after it took the tenant's lock): what the tenant-wide rules decide on.
 */
export async function tenantHistory(tx: EntityManager, tenantId: string): Promise<SubscriptionView[]> {
  const [rows, termRows] = await Promise.all([
    tx.find(Subscription, { tenantId }, { orderBy: { originalStartsAt: 'asc', id: 'asc' } }),
    tx.find(SubscriptionTerm, { tenantId }),
  ]);
  return rows.map((row) => toView(row, termRows.filter((term) => term.subscriptionId === row.id)));
}
