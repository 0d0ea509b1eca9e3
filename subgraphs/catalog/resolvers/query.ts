import type { ProductLine } from '../../kernel/catalog-terms';
import { DomainError } from '../../kernel/domain-error';
import { USAGE_TYPE_DEFINITIONS } from '../../kernel/usage-types';
import type { CatalogContext } from '../context';

/** Catalog reads: every authenticated principal may read the catalog. */
export const Query = {
  plans: (_: unknown, args: { productLine?: ProductLine | null }, ctx: CatalogContext) =>
    ctx.loaders.listPlans(args.productLine ?? null),
  plan: async (_: unknown, args: { key: string }, ctx: CatalogContext) =>
    (await ctx.loaders.planByKey.load(args.key)) ?? notFound('plan', args.key),
  addOns: (_: unknown, args: { productLine?: ProductLine | null }, ctx: CatalogContext) =>
    ctx.loaders.listAddOns(args.productLine ?? null),
  addOn: async (_: unknown, args: { key: string }, ctx: CatalogContext) =>
    (await ctx.loaders.addOnByKey.load(args.key)) ?? notFound('add-on', args.key),
  features: (_: unknown, args: { productLine?: ProductLine | null }, ctx: CatalogContext) =>
    ctx.loaders.listFeatures(args.productLine ?? null),
  usageTypes: () => Object.values(USAGE_TYPE_DEFINITIONS),
};

function notFound(what: string, key: string): never {
  throw new DomainError('NOT_FOUND', `no ${what} "${key}"`);
}
