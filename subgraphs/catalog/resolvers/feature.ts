import type { CatalogFeature } from '../../kernel/catalog-model';
import type { CatalogContext } from '../context';

export const Feature = {
  __resolveReference: (ref: { key: string }, ctx: CatalogContext) => ctx.loaders.featureByKey.load(ref.key),
  addOn: (feature: CatalogFeature, _: unknown, ctx: CatalogContext) =>
    feature.addOnKey ? ctx.loaders.addOnByKey.load(feature.addOnKey) : null,
};
