import type { EntityManager } from '@mikro-orm/core';

import { isSeatCovered } from '../../kernel/pool-capacity';
import { termAt } from '../../kernel/subscription-terms';
import { findReplicaPlan } from '../../runtime/catalog-replica';
import type { PurchaseFacts } from '../domain/purchase-rules';
import { Purchase } from '../entities/purchase.entity';
import type { BilledSubscription } from './tenant-subscriptions';

/**
 * What R31 decides a self-service purchase of an add-on on: how the plans of the tenant's
 * subscriptions active at `at` offer it, whether one of them includes licences of it, and
 * whether it was bought before. `purchaseAddOn` and `selfServiceActions` both ask this.
 */
export async function purchaseFacts(
  em: EntityManager,
  tenantId: string,
  addOnKey: string,
  subscriptions: readonly BilledSubscription[],
  at: Date,
): Promise<PurchaseFacts> {
  const terms = subscriptions.flatMap((s) => {
    const term = termAt(s.terms, at);
    return term ? [{ planKey: s.planKey, licensingModel: s.licensingModel, term }] : [];
  });
  const plans = new Map(await Promise.all([...new Set(terms.map((t) => t.planKey))].map(async (key) => [key, await findReplicaPlan(em, key)] as const)));
  const availability = terms.flatMap(({ planKey, licensingModel }) =>
    (plans.get(planKey)?.features.filter((cell) => cell.addOnKey === addOnKey) ?? []).map((cell) =>
      // R37: what a plan includes per concurrent seat (QM, WFM under Elite) is not already purchased: licences beyond the seats are sold.
      cell.availability === 'INCLUDED' && licensingModel === 'CONCURRENT' && isSeatCovered(addOnKey) ? ('ADD_ON' as const) : cell.availability,
    ),
  );
  return {
    addOnKey,
    availability,
    inSubscription: terms.some(({ term }) => term.addOns.some((a) => a.addOnKey === addOnKey && a.quantity > 0)),
    boughtBefore: (await em.count(Purchase, { tenantId, addOnKey })) > 0,
  };
}
