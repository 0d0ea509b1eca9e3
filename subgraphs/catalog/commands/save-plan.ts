import type { EntityManager } from '@mikro-orm/core';

import type { CatalogFeature, CatalogPlan } from '../../kernel/catalog-model';
import type { CatalogPlanChanged } from '../../kernel/integration-events';
import { enqueueEvents, newEvent } from '../../runtime/outbox';
import { planSnapshot, validatePlan } from '../domain/feature-matrix';
import { Feature } from '../entities/feature.entity';
import { PlanFeature } from '../entities/plan-feature.entity';
import { Plan } from '../entities/plan.entity';
import { toCatalogFeature } from '../loaders';

/**
 * Validates a plan against the features of its product line (R1) and writes it with
 * its whole matrix, replacing the previous cells, and announces the plan with its
 * complete matrix. Callers run it in their transaction.
 */
export async function savePlan(tx: EntityManager, plan: CatalogPlan, at: Date, existing: boolean): Promise<CatalogPlan> {
  const features = await tx.find(Feature, { productLine: plan.productLine }, { orderBy: { position: 'asc', key: 'asc' } });
  const byKey = new Map<string, CatalogFeature>(features.map((row) => [row.key, toCatalogFeature(row)]));
  validatePlan(plan, byKey);
  if (existing) {
    const row = await tx.findOneOrFail(Plan, { key: plan.key });
    row.name = plan.name.trim();
    row.seatPriceMinor = plan.seatPrice.amountMinor;
    row.currency = plan.seatPrice.currency;
    row.updatedAt = at;
  } else {
    tx.persist(
      tx.create(Plan, {
        key: plan.key,
        name: plan.name.trim(),
        productLine: plan.productLine,
        seatUsageType: plan.seatUsageType,
        seatPriceMinor: plan.seatPrice.amountMinor,
        currency: plan.seatPrice.currency,
        createdAt: at,
        updatedAt: at,
      }),
    );
  }
  const current = new Map((existing ? await tx.find(PlanFeature, { planKey: plan.key }) : []).map((c) => [c.featureKey, c]));
  plan.features.forEach((cell, position) => {
    const row = current.get(cell.featureKey);
    current.delete(cell.featureKey);
    if (row) Object.assign(row, { availability: cell.availability, position });
    else tx.persist(tx.create(PlanFeature, { planKey: plan.key, featureKey: cell.featureKey, availability: cell.availability, position }));
  });
  for (const stale of current.values()) tx.remove(stale);
  const snapshot = planSnapshot(plan, features.map(toCatalogFeature));
  enqueueEvents(tx, [newEvent<CatalogPlanChanged>('CatalogPlanChanged', { plan: snapshot }, at)]);
  return plan;
}
