import type { EntityManager } from '@mikro-orm/core';

import type { CatalogAddOn } from '../../kernel/catalog-model';
import { newId } from '../../kernel/ids';
import type { AuditChange } from '../../runtime/audit';
import { money } from '../../kernel/money';
import { chargeForPurchase, primaryUntil } from '../../kernel/proration';
import { accountUserLicencesAt, nextUserLicenceChange } from '../domain/account-charges';
import type { InvoiceDraft, InvoiceLineDraft } from '../domain/invoice-lines';
import { Invoice, InvoiceLine, prorationIssueKey, type InvoiceRow } from '../entities/invoice.entity';
import type { PurchaseRow } from '../entities/purchase.entity';
import type { BilledSubscription } from '../queries/tenant-subscriptions';
import { billedOnUserLicences } from '../../kernel/add-on-types';

/** R35: the audit change of an issued invoice. */
export function invoiceIssued(invoice: InvoiceRow): AuditChange {
  return {
    tenantId: invoice.tenantId,
    action: 'invoice.issued',
    entityType: 'Invoice',
    entityId: invoice.id,
    after: { kind: invoice.kind, subscriptionId: invoice.subscriptionId, periodStart: invoice.periodStart, periodEnd: invoice.periodEnd, subtotalMinor: invoice.subtotalMinor, currency: invoice.currency },
  };
}

/** Writes an issued invoice and its lines in the caller's transaction. */
export function persistInvoice(
  tx: EntityManager,
  invoice: { tenantId: string; subscriptionId: string; kind: 'CYCLE' | 'PRORATION'; issueKey: string; issuedAt: Date; draft: InvoiceDraft },
): InvoiceRow {
  const { draft } = invoice;
  const row = tx.create(Invoice, {
    id: newId('inv', invoice.issuedAt),
    tenantId: invoice.tenantId,
    subscriptionId: invoice.subscriptionId,
    kind: invoice.kind,
    issueKey: invoice.issueKey,
    periodStart: draft.period.start,
    periodEnd: draft.period.end,
    issuedAt: invoice.issuedAt,
    subtotalMinor: draft.subtotal.amountMinor,
    currency: draft.subtotal.currency,
  });
  tx.persist(row);
  draft.lines.forEach((line, position) => {
    tx.persist(
      tx.create(InvoiceLine, {
        id: `${row.id}-${position}`,
        invoiceId: row.id,
        subscriptionId: invoice.subscriptionId,
        position,
        kind: line.kind,
        description: line.description,
        quantity: line.quantity,
        unitAmountMinor: line.unitAmount.amountMinor,
        amountMinor: line.amount.amountMinor,
        currency: line.amount.currency,
        periodStart: line.period.start,
        periodEnd: line.period.end,
        usageType: line.usageType,
        addOnKey: line.addOnKey,
      }),
    );
  });
  return row;
}

/**
 * R27, R38: the draft of the invoice a purchase gets at once: one PRORATION line for the
 * rest of the billed subscription's cycle, with its period, as far as that subscription
 * stays the account's primary one and, for an account-level add-on, the account's user
 * licences stay as they are at the purchase (the cycle each later second falls in
 * charges it, domain/account-charges.ts). Null when no subscription is active at the
 * purchase (nothing to prorate against).
 */
export function prorationDraft(
  purchase: Pick<PurchaseRow, 'quantity' | 'unitAmountMinor' | 'currency' | 'purchasedAt' | 'addOnKey'>,
  payers: readonly BilledSubscription[],
  addOn: CatalogAddOn | null,
  account: readonly BilledSubscription[] = payers,
): { subscription: BilledSubscription; draft: InvoiceDraft } | null {
  const at = purchase.purchasedAt;
  const accountLevel = billedOnUserLicences(addOn);
  const quantity = accountLevel ? accountUserLicencesAt(account, at) : purchase.quantity;
  const billed = chargeForPurchase({
    subscriptions: payers,
    monthlyPrice: money(purchase.unitAmountMinor, purchase.currency),
    quantity,
    at,
    until: (payer, end) => {
      const primary = primaryUntil(account, payer, at, end);
      return accountLevel ? nextUserLicenceChange(account, at, primary) : primary;
    },
  });
  if (!billed) return null;
  const { subscription, unitAmount, charge } = billed;
  const line: InvoiceLineDraft = {
    kind: 'PRORATION',
    description: `${addOn?.name ?? purchase.addOnKey}: ${quantity} licence${quantity === 1 ? '' : 's'} from the purchase`,
    quantity,
    unitAmount,
    amount: charge.amount,
    period: charge.period,
    usageType: null,
    addOnKey: purchase.addOnKey,
  };
  return { subscription, draft: { period: charge.period, subtotal: charge.amount, lines: [line] } };
}


/**
 * Issues a purchase's proration invoice once (its issue key is the purchase id), billed
 * to the primary of `payers` at the purchase; `account` is every subscription of the
 * tenant (R28: account-level add-ons count the whole account's user licences).
 */
export function issueProrationInvoice(
  tx: EntityManager,
  purchase: PurchaseRow,
  payers: readonly BilledSubscription[],
  addOn: CatalogAddOn | null,
  account: readonly BilledSubscription[] = payers,
): InvoiceRow | null {
  const prorated = prorationDraft(purchase, payers, addOn, account);
  if (!prorated) return null;
  const { subscription, draft } = prorated;
  return persistInvoice(tx, {
    tenantId: purchase.tenantId,
    subscriptionId: subscription.id,
    kind: 'PRORATION',
    issueKey: prorationIssueKey(purchase.id),
    issuedAt: purchase.purchasedAt,
    draft,
  });
}
