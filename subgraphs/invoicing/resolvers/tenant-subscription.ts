import { calendarMonthSpan, cycleAt, nextCycleAfter } from '../../kernel/billing-cycle';
import type { InvoicingContext } from '../context';
import { accountRecordsOfTenants, draftCycleInvoice, excessStretchesOfTenants, loadPriceList, readingsOfTenants } from '../queries/billing-inputs';
import { asBilled, subscriptionsOfTenants } from '../queries/tenant-subscriptions';
import { lineOfRow, upcomingOfDraft } from './line-items';
import { readableSubscription } from './readable';

type Ref = { id: string };

export const TenantSubscription = {
  // Only whose it is: the subscription's terms are read by the fields that need them.
  __resolveReference: async (ref: Ref, ctx: InvoicingContext) => {
    const owner = await ctx.loaders.replicaOwnerBySubscriptionId.load(ref.id);
    return owner && (await ctx.tenants.canRead(owner.tenantId)) ? { id: ref.id } : null;
  },
  upcomingInvoice: async (ref: Ref, { at }: { at?: Date | null }, ctx: InvoicingContext) => {
    const replica = await readableSubscription(ref.id, ctx);
    if (!replica) return null;
    const subscription = asBilled(replica);
    // The cycle in force at `at`, else the next one to start.
    const instant = ctx.at(at);
    const cycle = cycleAt(subscription.terms, subscription.billingInterval, instant) ?? nextCycleAfter(subscription.terms, subscription.billingInterval, instant);
    if (!cycle) return null;
    const [tenantSubscriptions, prices, account, readings, stretches] = await Promise.all([
      subscriptionsOfTenants(ctx.em, [subscription.tenantId]),
      loadPriceList(ctx.em),
      accountRecordsOfTenants(ctx.em, [subscription.tenantId], cycle),
      readingsOfTenants(ctx.em, [subscription.tenantId], calendarMonthSpan(cycle)),
      excessStretchesOfTenants(ctx.em, [subscription.tenantId], calendarMonthSpan(cycle)),
    ]);
    const draft = draftCycleInvoice(
      subscription,
      cycle,
      {
        subscriptions: tenantSubscriptions.get(subscription.tenantId) ?? [],
        account: account.get(subscription.tenantId) ?? { purchases: [], covers: [] },
        readingsByType: readings.get(subscription.tenantId) ?? new Map(),
        excessStretches: stretches.get(subscription.tenantId) ?? [],
      },
      prices,
    );
    return draft ? upcomingOfDraft(draft) : null;
  },
  overageLineItems: async (ref: Ref, _: unknown, ctx: InvoicingContext) =>
    (await ctx.loaders.overageLinesBySubscriptionId.load(ref.id)).map(lineOfRow),
};
