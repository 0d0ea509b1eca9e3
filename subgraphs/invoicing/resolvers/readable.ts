import type { InvoicingContext } from '../context';
import type { InvoiceRow } from '../entities/invoice.entity';

/** A subscription the principal may read (its tenant), from the replica; null otherwise. */
export async function readableSubscription(id: string, ctx: InvoicingContext) {
  const subscription = await ctx.loaders.replicaSubscriptionById.load(id);
  return subscription && (await ctx.tenants.canRead(subscription.tenantId)) ? subscription : null;
}

export async function readableInvoice(id: string, ctx: InvoicingContext): Promise<InvoiceRow | null> {
  const invoice = await ctx.loaders.invoiceById.load(id);
  return invoice && (await ctx.tenants.canRead(invoice.tenantId)) ? invoice : null;
}
