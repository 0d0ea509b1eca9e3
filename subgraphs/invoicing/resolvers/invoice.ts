import type { InvoicingContext } from '../context';
import type { InvoiceRow } from '../entities/invoice.entity';
import { lineOfRow } from './line-items';
import { readableInvoice } from './readable';

type Ref = { id: string };

export const Invoice = {
  __resolveReference: (ref: Ref, ctx: InvoicingContext) => readableInvoice(ref.id, ctx),
  subscription: (invoice: InvoiceRow) => ({ id: invoice.subscriptionId }),
  subtotal: (invoice: InvoiceRow) => ({ amountMinor: invoice.subtotalMinor, currency: invoice.currency }),
  lineItems: async (invoice: InvoiceRow, _: unknown, ctx: InvoicingContext) => (await ctx.loaders.linesByInvoiceId.load(invoice.id)).map(lineOfRow),
};
