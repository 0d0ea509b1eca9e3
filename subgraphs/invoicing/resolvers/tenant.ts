import { DomainError } from '../../kernel/domain-error';
import { findReplicaAddOns } from '../../runtime/catalog-replica';
import type { InvoicingContext } from '../context';
import { purchaseRefusal } from '../domain/purchase-rules';
import { selfServiceActions } from '../domain/self-service';
import { Purchase } from '../entities/purchase.entity';
import { FeatureRequest, QuoteRequest } from '../entities/self-service-request.entity';
import { purchaseFacts } from '../queries/purchase-facts';
import { asBilled } from '../queries/tenant-subscriptions';

type Ref = { id: string };

/** Whether self-service could buy the add-on for the tenant now: the rule `purchaseAddOn` applies (R31). */
async function isPurchasable(ctx: InvoicingContext, tenantId: string, addOnKey: string, at: Date): Promise<boolean> {
  const subscriptions = (await ctx.loaders.replicaSubscriptionsByTenantId.load(tenantId)).map(asBilled);
  return purchaseRefusal(await purchaseFacts(ctx.em, tenantId, addOnKey, subscriptions, at)) === null;
}

export const Tenant = {
  __resolveReference: async (ref: Ref, ctx: InvoicingContext) => ((await ctx.tenants.canRead(ref.id)) ? { id: ref.id } : null),
  invoices: (tenant: Ref, _: unknown, ctx: InvoicingContext) => ctx.loaders.invoicesByTenantId.load(tenant.id),
  selfServiceActions: async (tenant: Ref, { addOnKey }: { addOnKey: string }, ctx: InvoicingContext) => {
    if (!(await findReplicaAddOns(ctx.em, [addOnKey])).has(addOnKey)) throw new DomainError('NOT_FOUND', `no add-on ${addOnKey}`);
    return selfServiceActions(ctx.principal, await isPurchasable(ctx, tenant.id, addOnKey, ctx.now));
  },
  purchases: (tenant: Ref, _: unknown, ctx: InvoicingContext) =>
    ctx.em.find(Purchase, { tenantId: tenant.id }, { orderBy: { purchasedAt: 'desc', id: 'desc' } }),
  quoteRequests: (tenant: Ref, _: unknown, ctx: InvoicingContext) =>
    ctx.em.find(QuoteRequest, { tenantId: tenant.id }, { orderBy: { requestedAt: 'desc', id: 'desc' } }),
  featureRequests: (tenant: Ref, _: unknown, ctx: InvoicingContext) =>
    ctx.em.find(FeatureRequest, { tenantId: tenant.id }, { orderBy: { requestedAt: 'desc', id: 'desc' } }),
};
