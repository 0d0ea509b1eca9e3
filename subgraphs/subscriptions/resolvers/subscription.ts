import { currentTerm, statusAt } from '../../kernel/subscription-terms';
import type { SubscriptionsContext } from '../context';
import type { SubscriptionView } from '../entities/subscription-views';

/** The subscription, if it exists and the principal may see its tenant; null otherwise. */
export async function visibleSubscription(id: string, ctx: SubscriptionsContext): Promise<SubscriptionView | null> {
  const subscription = await ctx.loaders.subscriptionById.load(id);
  if (!subscription || !(await ctx.tenants.canRead(subscription.tenantId))) return null;
  return subscription;
}

const current = (s: SubscriptionView, ctx: SubscriptionsContext) => currentTerm(s.terms, ctx.now);

/**
 * `TenantSubscription`, not `Subscription`: GraphQL takes a type named Subscription for
 * the subscription root by default, and the query planner then fetches its fields with
 * a `subscription { ... }` operation instead of `_entities`.
 */
export const TenantSubscription = {
  __resolveReference: (ref: { id: string }, ctx: SubscriptionsContext) => visibleSubscription(ref.id, ctx),
  tenant: (s: SubscriptionView, _: unknown, ctx: SubscriptionsContext) => ctx.loaders.tenantById.load(s.tenantId),
  startsAt: (s: SubscriptionView, _: unknown, ctx: SubscriptionsContext) => current(s, ctx).startsAt,
  endsAt: (s: SubscriptionView, _: unknown, ctx: SubscriptionsContext) => current(s, ctx).endsAt,
  status: (s: SubscriptionView, args: { at?: Date | null }, ctx: SubscriptionsContext) => statusAt(s.terms, ctx.at(args.at)),
  items: (s: SubscriptionView, _: unknown, ctx: SubscriptionsContext) => current(s, ctx).items,
  addOns: (s: SubscriptionView, _: unknown, ctx: SubscriptionsContext) =>
    current(s, ctx).addOns.map((a) => ({ addOn: { key: a.addOnKey }, quantity: a.quantity })),
};
