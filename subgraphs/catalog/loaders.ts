import type { EntityManager } from '@mikro-orm/core';
import type DataLoader from 'dataloader';

import type { ProductLine } from '../kernel/catalog-terms';
import { groupedLoader, keyedLoader } from '../runtime/keyed-loader';
import { cachedLoader } from '../runtime/process-cache';
import { lazyLoaders, type LoaderDeps } from '../runtime/lazy-loaders';
import { readRows, type RowFilter } from '../runtime/read-rows';
import type { CatalogAddOn, CatalogFeature, CatalogPlan } from '../kernel/catalog-model';
import { AddOn, type AddOnRow } from './entities/add-on.entity';
import { Feature, type FeatureRow } from './entities/feature.entity';
import { PlanFeature } from './entities/plan-feature.entity';
import { Plan, type PlanRow } from './entities/plan.entity';

export interface CatalogLoaders {
  readonly planByKey: DataLoader<string, CatalogPlan | null>;
  readonly addOnByKey: DataLoader<string, CatalogAddOn | null>;
  readonly featureByKey: DataLoader<string, CatalogFeature | null>;
  readonly featuresByProductLine: DataLoader<ProductLine, CatalogFeature[]>;
  listPlans(productLine: ProductLine | null): Promise<CatalogPlan[]>;
  listAddOns(productLine: ProductLine | null): Promise<CatalogAddOn[]>;
  listFeatures(productLine: ProductLine | null): Promise<CatalogFeature[]>;
}

async function loadPlans(em: EntityManager, where: RowFilter<PlanRow>): Promise<CatalogPlan[]> {
  const plans = await readRows(em, Plan, where, { orderBy: { productLine: 'asc', seatPriceMinor: 'asc', key: 'asc' } });
  if (plans.length === 0) return [];
  const cells = await readRows(em, PlanFeature, { planKey: plans.map((plan) => plan.key) }, { orderBy: { planKey: 'asc', position: 'asc' } });
  return plans.map((plan) => toCatalogPlan(plan, cells.filter((cell) => cell.planKey === plan.key)));
}

/**
 * Per-request loaders of the catalog, each made on first use (runtime/lazy-loaders.ts);
 * every batch is one query per table (add-ons by key: from memory when this process has
 * them, runtime/process-cache.ts).
 */
export const createCatalogLoaders = lazyLoaders<LoaderDeps, CatalogLoaders>({
  planByKey: ({ em }) => keyedLoader((keys: readonly string[]) => loadPlans(em, { key: keys }), (plan) => plan.key),
  addOnByKey: ({ em }) =>
    cachedLoader(
      em,
      'catalog-add-on',
      async (keys) => (await readRows(em, AddOn, { key: keys })).map(toCatalogAddOn),
      (addOn) => addOn.key,
    ),
  featureByKey: ({ em }) =>
    keyedLoader(
      async (keys: readonly string[]) => (await readRows(em, Feature, { key: keys })).map(toCatalogFeature),
      (feature) => feature.key,
    ),
  featuresByProductLine: ({ em }) =>
    groupedLoader(
      async (lines: readonly ProductLine[]) =>
        (await readRows(em, Feature, { productLine: lines }, { orderBy: { position: 'asc', key: 'asc' } })).map(toCatalogFeature),
      (feature) => feature.productLine,
    ),
  listPlans: ({ em }) => (productLine) => loadPlans(em, productLine ? { productLine } : {}),
  listAddOns: ({ em }) => async (productLine) =>
    (await readRows(em, AddOn, productLine ? { productLine } : {}, { orderBy: { productLine: 'asc', key: 'asc' } })).map(toCatalogAddOn),
  listFeatures: ({ em }) => async (productLine) =>
    (await readRows(em, Feature, productLine ? { productLine } : {}, { orderBy: { productLine: 'asc', position: 'asc', key: 'asc' } })).map(toCatalogFeature),
});

export function toCatalogPlan(plan: PlanRow, cells: readonly { featureKey: string; availability: CatalogPlan['features'][number]['availability'] }[]): CatalogPlan {
  return {
    key: plan.key,
    name: plan.name,
    productLine: plan.productLine,
    seatUsageType: plan.seatUsageType,
    seatPrice: { amountMinor: plan.seatPriceMinor, currency: plan.currency },
    features: cells.map((cell) => ({ featureKey: cell.featureKey, availability: cell.availability })),
  };
}

export function toCatalogAddOn(row: AddOnRow): CatalogAddOn {
  return {
    key: row.key,
    name: row.name,
    productLine: row.productLine,
    type: row.type,
    seatModel: row.seatModel,
    usageType: row.usageType ?? null,
    exhaustionPolicy: row.exhaustionPolicy,
    unitPrice: { amountMinor: row.unitPriceMinor, currency: row.currency },
  };
}

export function toCatalogFeature(row: FeatureRow): CatalogFeature {
  return { key: row.key, name: row.name, productLine: row.productLine, addOnKey: row.addOnKey ?? null };
}
