import type { InvoiceDraft, InvoiceLineDraft } from '../domain/invoice-lines';
import type { InvoiceLineRow } from '../entities/invoice.entity';

/** Invoice lines as the LineItem type shows them: stored (an issued invoice) or drafted (an upcoming one). */
export const lineOfRow = (row: InvoiceLineRow) => ({
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

export const lineOfDraft = (line: InvoiceLineDraft) => ({
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

export const upcomingOfDraft = (draft: InvoiceDraft) => ({
  periodStart: draft.period.start,
  periodEnd: draft.period.end,
  subtotal: draft.subtotal,
  lineItems: draft.lines.map(lineOfDraft),
});
