import { DomainError } from '../../kernel/domain-error';
import type { SubscriptionsContext } from '../context';
import { assertMaySeePartner } from './partner';
import { ANALYTICS, assertAnalytics } from './analytics';
import { visibleSubscription } from './subscription';

export const Query = {
  tenant: async (_: unknown, args: { id: string }, ctx: SubscriptionsContext) => {
    await ctx.tenants.assertReadable(args.id);
    return ctx.loaders.tenantById.load(args.id);
  },
  subscription: async (_: unknown, args: { id: string }, ctx: SubscriptionsContext) => {
    const subscription = await visibleSubscription(args.id, ctx);
    if (!subscription) throw new DomainError('NOT_FOUND', `no subscription ${args.id}`);
    return subscription;
  },
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
