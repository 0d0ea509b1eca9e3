import type { CatalogPlan } from '../../kernel/catalog-model';
import { completeMatrix, includedAddOnKeys, purchasableAddOnKeys } from '../domain/feature-matrix';
import type { CatalogContext } from '../context';

async function featuresOf(plan: CatalogPlan, ctx: CatalogContext) {
  const lineFeatures = await ctx.loaders.featuresByProductLine.load(plan.productLine);
  return new Map(lineFeatures.map((feature) => [feature.key, feature]));
}

async function addOnsByKeys(keys: readonly string[], ctx: CatalogContext) {
  const addOns = await ctx.loaders.addOnByKey.loadMany(keys);
  return addOns.filter((addOn) => addOn !== null && !(addOn instanceof Error));
}

export const Plan = {
  __resolveReference: (ref: { key: string }, ctx: CatalogContext) => ctx.loaders.planByKey.load(ref.key),
  features: async (plan: CatalogPlan, _: unknown, ctx: CatalogContext) =>
    completeMatrix(plan.features, await ctx.loaders.featuresByProductLine.load(plan.productLine)),
  includedAddOns: async (plan: CatalogPlan, _: unknown, ctx: CatalogContext) =>
    addOnsByKeys(includedAddOnKeys(plan.features, await featuresOf(plan, ctx)), ctx),
  purchasableAddOns: async (plan: CatalogPlan, _: unknown, ctx: CatalogContext) =>
    addOnsByKeys(purchasableAddOnKeys(plan.features, await featuresOf(plan, ctx)), ctx),
};
