import type { CatalogContext } from '../context';

export const AddOn = {
  __resolveReference: (ref: { key: string }, ctx: CatalogContext) => ctx.loaders.addOnByKey.load(ref.key),
};
