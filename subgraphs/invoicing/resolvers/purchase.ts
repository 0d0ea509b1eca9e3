import type { InvoicingContext } from '../context';
import type { PurchaseRow } from '../entities/purchase.entity';

type Ref = { id: string };

export const Purchase = {
  __resolveReference: async (ref: Ref, ctx: InvoicingContext) => {
    const purchase = await ctx.loaders.purchaseById.load(ref.id);
    return purchase && (await ctx.tenants.canRead(purchase.tenantId)) ? purchase : null;
  },
  addOn: (purchase: PurchaseRow) => ({ key: purchase.addOnKey }),
  subscription: (purchase: PurchaseRow) => (purchase.subscriptionId ? { id: purchase.subscriptionId } : null),
  prorationInvoice: (purchase: PurchaseRow, _: unknown, ctx: InvoicingContext) => ctx.loaders.prorationInvoiceByPurchaseId.load(purchase.id),
};
