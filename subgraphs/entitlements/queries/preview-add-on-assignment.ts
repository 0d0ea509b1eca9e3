import type { EntityManager } from '@mikro-orm/core';

import type { CatalogAddOn } from '../../kernel/catalog-model';
import { money, type Money } from '../../kernel/money';
import { chargeForPurchase } from '../../kernel/proration';
import type { SubscriptionSnapshot } from '../../kernel/integration-events';
import { SubscriptionReplica } from '../../runtime/subscription-replica';
import { fromSnapshot } from '../../kernel/replicated-subscription';
import type { PoolBalance } from '../domain/pool';
import { decideBulkAssignment } from '../commands/bulk-assign-add-on';

export interface AssignmentPreview {
  readonly toAssign: number;
  readonly fromPool: number;
  readonly toBuy: number;
  readonly proratedAmount: Money;
  readonly periodStart: Date | null;
  readonly periodEnd: Date | null;
  readonly poolAfter: PoolBalance;
}

/**
 * R16, R18, R27: what bulkAssignAddOn would do, decided by the same function and priced
 * by the same proration Invoicing issues with; nothing is written.
 */
export async function previewAddOnAssignment(
  em: EntityManager,
  input: { tenantId: string; addOn: CatalogAddOn; userIds: readonly string[] },
  at: Date,
): Promise<AssignmentPreview> {
  const { wanted, pool, plan } = await decideBulkAssignment(em, input, at);
  const toBuy = plan?.toBuy ?? 0;
  const zero = money(0, input.addOn.unitPrice.currency);
  if (toBuy === 0) {
    return { toAssign: wanted.length, fromPool: plan?.fromPool ?? 0, toBuy, proratedAmount: zero, periodStart: null, periodEnd: null, poolAfter: plan?.after ?? pool.balance };
  }
  const subscriptions = (await em.find(SubscriptionReplica, { tenantId: input.tenantId }, { orderBy: { id: 'asc' } })).map((row) => {
    const subscription = fromSnapshot(JSON.parse(row.document) as SubscriptionSnapshot);
    return { ...subscription, id: subscription.subscriptionId };
  });
  const billed = chargeForPurchase({ subscriptions, monthlyPrice: input.addOn.unitPrice, quantity: toBuy, at });
  return {
    toAssign: wanted.length,
    fromPool: plan!.fromPool,
    toBuy,
    proratedAmount: billed?.charge.amount ?? zero,
    periodStart: billed?.charge.period.start ?? null,
    periodEnd: billed?.charge.period.end ?? null,
    poolAfter: plan!.after,
  };
}
