import { DomainError } from '../../kernel/domain-error';
import { notImplemented } from '../../runtime/authorization';
import type { SubscriptionsContext } from '../context';
import { assertMaySeePartner } from './partner';
import { ANALYTICS, assertAnalytics } from './analytics';

export const Query = {
  tenant: async (_: unknown, args: { id: string }, ctx: SubscriptionsContext) => {
    await ctx.tenants.assertReadable(args.id);
    return ctx.loaders.tenantById.load(args.id);
  },
  subscription: () => notImplemented('subscription'),
  partner: async (_: unknown, args: { id: string }, ctx: SubscriptionsContext) => {
    assertMaySeePartner(ctx, args.id);
    return (await ctx.loaders.partnerById.load(args.id)) ?? notFound(args.id);
  },
  analytics: (_: unknown, __: unknown, ctx: SubscriptionsContext) => {
    assertAnalytics(ctx);
    return ANALYTICS;
  },
};

function notFound(id: string): never {
  throw new DomainError('NOT_FOUND', `no partner ${id}`);
}
