import type { EntityManager } from '@mikro-orm/core';
import type DataLoader from 'dataloader';

import type { ProductLine } from '../kernel/catalog-terms';
import { groupedLoader, keyedLoader } from '../runtime/keyed-loader';
import { cachedLoader } from '../runtime/process-cache';
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

/** Per-request loaders of the catalog; every batch is one query per table (add-ons by key: from memory when this process has them, runtime/process-cache.ts). */
export function createCatalogLoaders(em: EntityManager): CatalogLoaders {
  const loadPlans = async (where: RowFilter<PlanRow>): Promise<CatalogPlan[]> => {
    const plans = await readRows(em, Plan, where, { orderBy: { productLine: 'asc', seatPriceMinor: 'asc', key: 'asc' } });
    if (plans.length === 0) return [];
    const cells = await readRows(em, PlanFeature, { planKey: plans.map((plan) => plan.key) }, { orderBy: { planKey: 'asc', position: 'asc' } });
    return plans.map((plan) => toCatalogPlan(plan, cells.filter((cell) => cell.planKey === plan.key)));
  };
  const planByKey = keyedLoader((keys: readonly string[]) => loadPlans({ key: keys }), (plan) => plan.key);
  const addOnByKey = cachedLoader(
    em,
    'catalog-add-on',
    async (keys) => (await readRows(em, AddOn, { key: keys })).map(toCatalogAddOn),
    (addOn) => addOn.key,
  );
  const featureByKey = keyedLoader(
    async (keys: readonly string[]) => (await readRows(em, Feature, { key: keys })).map(toCatalogFeature),
    (feature) => feature.key,
  );
  const featuresByProductLine = groupedLoader(
    async (lines: readonly ProductLine[]) =>
      (await readRows(em, Feature, { productLine: lines }, { orderBy: { position: 'asc', key: 'asc' } })).map(
        toCatalogFeature,
      ),
    (feature) => feature.productLine,
  );
  return {
    planByKey,
    addOnByKey,
    featureByKey,
    featuresByProductLine,
    listPlans: (productLine) => loadPlans(productLine ? { productLine } : {}),
    listAddOns: async (productLine) =>
      (await readRows(em, AddOn, productLine ? { productLine } : {}, { orderBy: { productLine: 'asc', key: 'asc' } })).map(
        toCatalogAddOn,
      ),
    listFeatures: async (productLine) =>
      (
        await readRows(em, Feature, productLine ? { productLine } : {}, {
          orderBy: { productLine: 'asc', position: 'asc', key: 'asc' },
        })
      ).map(toCatalogFeature),
  };
}

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
