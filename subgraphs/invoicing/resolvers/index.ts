import { notImplemented } from '../../runtime/authorization';
import { DateTimeScalar } from '../../runtime/date-time-scalar';
import type { InvoicingContext } from '../context';

const Query = { invoice: () => notImplemented('invoice') };

const Mutation = {
  purchaseAddOn: () => notImplemented('purchaseAddOn'),
  requestQuote: () => notImplemented('requestQuote'),
  submitQuote: () => notImplemented('submitQuote'),
  requestFeature: () => notImplemented('requestFeature'),
  runBilling: () => notImplemented('runBilling'),
};

const Tenant = {
  __resolveReference: async (ref: { id: string }, ctx: InvoicingContext) =>
    (await ctx.tenants.canRead(ref.id)) ? { id: ref.id } : null,
  invoices: () => notImplemented('Tenant.invoices'),
  selfServiceActions: () => notImplemented('Tenant.selfServiceActions'),
};

const TenantSubscription = {
  __resolveReference: (ref: { id: string }) => ref,
  upcomingInvoice: () => notImplemented('Subscription.upcomingInvoice'),
  overageLineItems: () => notImplemented('Subscription.overageLineItems'),
};

const Invoice = { __resolveReference: () => notImplemented('Invoice') };
const Purchase = { __resolveReference: () => notImplemented('Purchase') };

export const invoicingResolvers = { DateTime: DateTimeScalar, Query, Mutation, Tenant, TenantSubscription, Invoice, Purchase };
