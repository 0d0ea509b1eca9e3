import { calendarMonthSpan, cycleAt, nextCycleAfter } from '../../kernel/billing-cycle';
import { DomainError } from '../../kernel/domain-error';
import { assertOperator } from '../../runtime/authorization';
import { findReplicaAddOns } from '../../runtime/catalog-replica';
import { DateTimeScalar } from '../../../server/date-time-scalar';
import { SafeIntScalar } from '../../../server/safe-int-scalar';
import { draftCycleInvoice, excessStretchesOfTenants, loadPriceList, accountRecordsOfTenants, readingsOfTenants } from '../billing-inputs';
import { purchaseAddOn, purchaseFacts } from '../commands/purchase-add-on';
import { runBilling } from '../commands/run-billing';
import { requestFeature, requestQuote, submitQuote } from '../commands/self-service-requests';
import type { InvoicingContext } from '../context';
import type { InvoiceDraft, InvoiceLineDraft } from '../domain/invoice-lines';
import { purchaseRefusal } from '../domain/purchase-rules';
import { assertMayTake, selfServiceActions } from '../domain/self-service';
import type { InvoiceLineRow, InvoiceRow } from '../entities/invoice.entity';
import { Purchase, type PurchaseRow } from '../entities/purchase.entity';
import { FeatureRequest, QuoteRequest, type FeatureRequestRow, type QuoteRequestRow } from '../entities/self-service-request.entity';
import { asBilled, subscriptionsOfTenants } from '../tenant-subscriptions';

type Ref = { id: string };
type WithAt<T> = T & { at?: Date | null };

const lineOfRow = (row: InvoiceLineRow) => ({
  kind: row.kind,
  description: row.description,
  quantity: row.quantity,
  unitAmount: { amountMinor: row.unitAmountMinor, currency: row.currency },
  amount: { amountMinor: row.amountMinor, currency: row.currency },
  periodStart: row.periodStart,
  periodEnd: row.periodEnd,
  usageType: row.usageType ?? null,
  addOn: row.addOnKey ? { key: row.addOnKey } : null,
});

const lineOfDraft = (line: InvoiceLineDraft) => ({
  kind: line.kind,
  description: line.description,
  quantity: line.quantity,
  unitAmount: line.unitAmount,
  amount: line.amount,
  periodStart: line.period.start,
  periodEnd: line.period.end,
  usageType: line.usageType,
  addOn: line.addOnKey ? { key: line.addOnKey } : null,
});

const upcomingOfDraft = (draft: InvoiceDraft) => ({
  periodStart: draft.period.start,
  periodEnd: draft.period.end,
  subtotal: draft.subtotal,
  lineItems: draft.lines.map(lineOfDraft),
});

/** A subscription the principal may read (its tenant), from the replica; null otherwise. */
async function readableSubscription(id: string, ctx: InvoicingContext) {
  const subscription = await ctx.loaders.replicaSubscriptionById.load(id);
  return subscription && (await ctx.tenants.canRead(subscription.tenantId)) ? subscription : null;
}

async function readableInvoice(id: string, ctx: InvoicingContext): Promise<InvoiceRow | null> {
  const invoice = await ctx.loaders.invoiceById.load(id);
  return invoice && (await ctx.tenants.canRead(invoice.tenantId)) ? invoice : null;
}

/** Whether self-service could buy the add-on for the tenant now: the rule `purchaseAddOn` applies (R31). */
async function isPurchasable(ctx: InvoicingContext, tenantId: string, addOnKey: string, at: Date): Promise<boolean> {
  const subscriptions = (await ctx.loaders.replicaSubscriptionsByTenantId.load(tenantId)).map(asBilled);
  return purchaseRefusal(await purchaseFacts(ctx.em, tenantId, addOnKey, subscriptions, at)) === null;
}

const Query = {
  invoice: async (_: unknown, { id }: Ref, ctx: InvoicingContext) => {
    const invoice = await readableInvoice(id, ctx);
    if (!invoice) throw new DomainError('NOT_FOUND', `no invoice ${id}`);
    return invoice;
  },
};

const Mutation = {
  purchaseAddOn: async (
    _: unknown,
    { input }: { input: WithAt<{ tenantId: string; addOnKey: string; quantity: number; idempotencyKey: string }> },
    ctx: InvoicingContext,
  ) => {
    const at = ctx.effectiveAt(input.at);
    await ctx.tenants.assertWritable(input.tenantId);
    assertMayTake(ctx.principal, 'SUBSCRIBE_NOW');
    const { tenantId, addOnKey, quantity, idempotencyKey } = input;
    return purchaseAddOn(ctx.em, { tenantId, addOnKey, quantity, idempotencyKey, requestedAt: input.at ?? null }, at, ctx.principal.sub);
  },
  requestQuote: async (_: unknown, args: WithAt<{ tenantId: string; addOnKey: string; quantity: number }>, ctx: InvoicingContext) => {
    const at = ctx.effectiveAt(args.at);
    await ctx.tenants.assertWritable(args.tenantId);
    assertMayTake(ctx.principal, 'REQUEST_QUOTE');
    return requestQuote(ctx.em, { tenantId: args.tenantId, addOnKey: args.addOnKey, quantity: args.quantity }, ctx.principal, at);
  },
  submitQuote: async (_: unknown, args: WithAt<{ requestId: string }>, ctx: InvoicingContext) => {
    const at = ctx.effectiveAt(args.at);
    const request = await ctx.em.findOne(QuoteRequest, { id: args.requestId });
    if (!request || !(await ctx.tenants.canRead(request.tenantId))) throw new DomainError('NOT_FOUND', `no quote request ${args.requestId}`);
    await ctx.tenants.assertWritable(request.tenantId);
    // R30: only an owner submits (an operator for one); an admin only prepares.
    assertMayTake(ctx.principal, 'SUBSCRIBE_NOW');
    return submitQuote(ctx.em, request, ctx.principal, at);
  },
  requestFeature: async (_: unknown, args: WithAt<{ tenantId: string; addOnKey: string }>, ctx: InvoicingContext) => {
    const at = ctx.effectiveAt(args.at);
    await ctx.tenants.assertWritable(args.tenantId);
    assertMayTake(ctx.principal, 'REQUEST_FEATURE');
    return requestFeature(ctx.em, { tenantId: args.tenantId, addOnKey: args.addOnKey }, ctx.principal, at);
  },
  runBilling: async (_: unknown, args: { tenantId?: string | null; at: Date }, ctx: InvoicingContext) => {
    assertOperator(ctx.principal, 'run billing');
    // Cycles that have not ended yet are not billed: their usage is still coming in.
    if (args.at.getTime() > ctx.now.getTime()) throw new DomainError('BAD_USER_INPUT', 'a billing run bills cycles that have ended: `at` may not be in the future');
    if (args.tenantId) await ctx.tenants.assertReadable(args.tenantId);
    return { invoicesIssued: await runBilling(ctx.em, { tenantId: args.tenantId ?? null, at: args.at, issuedAt: ctx.now, actor: ctx.principal.sub }) };
  },
};

const Tenant = {
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

const TenantSubscription = {
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

const Invoice = {
  __resolveReference: (ref: Ref, ctx: InvoicingContext) => readableInvoice(ref.id, ctx),
  subscription: (invoice: InvoiceRow) => ({ id: invoice.subscriptionId }),
  subtotal: (invoice: InvoiceRow) => ({ amountMinor: invoice.subtotalMinor, currency: invoice.currency }),
  lineItems: async (invoice: InvoiceRow, _: unknown, ctx: InvoicingContext) => (await ctx.loaders.linesByInvoiceId.load(invoice.id)).map(lineOfRow),
};

const Purchase_ = {
  __resolveReference: async (ref: Ref, ctx: InvoicingContext) => {
    const purchase = await ctx.loaders.purchaseById.load(ref.id);
    return purchase && (await ctx.tenants.canRead(purchase.tenantId)) ? purchase : null;
  },
  addOn: (purchase: PurchaseRow) => ({ key: purchase.addOnKey }),
  subscription: (purchase: PurchaseRow) => (purchase.subscriptionId ? { id: purchase.subscriptionId } : null),
  prorationInvoice: (purchase: PurchaseRow, _: unknown, ctx: InvoicingContext) => ctx.loaders.prorationInvoiceByPurchaseId.load(purchase.id),
};

const QuoteRequest_ = { addOn: (request: QuoteRequestRow) => ({ key: request.addOnKey }) };
const FeatureRequest_ = { addOn: (request: FeatureRequestRow) => ({ key: request.addOnKey }) };

export const invoicingResolvers = {
  DateTime: DateTimeScalar,
  SafeInt: SafeIntScalar,
  Query,
  Mutation,
  Tenant,
  TenantSubscription,
  Invoice,
  Purchase: Purchase_,
  QuoteRequest: QuoteRequest_,
  FeatureRequest: FeatureRequest_,
};
