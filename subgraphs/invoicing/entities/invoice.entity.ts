import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

import { LINE_ITEM_KINDS } from '../domain/invoice-lines';
import { USAGE_TYPES } from '../../kernel/usage-types';

/**
 * An issued invoice: a subscription's billing cycle (CYCLE, issued by a billing run) or
 * a purchase's prorated rest of the cycle (PRORATION, issued when bought, R27). Issued
 * invoices are immutable. `issueKey` makes issuing idempotent: one invoice per cycle of a
 * subscription, one per purchase, however often a run or an event is repeated.
 */
export const Invoice = defineEntity({
  name: 'Invoice',
  tableName: 'invoice',
  properties: {
    id: p.string().primary(),
    tenantId: p.string(),
    subscriptionId: p.string(),
    kind: p.enum(['CYCLE', 'PRORATION'] as const),
    issueKey: p.string().unique(),
    periodStart: p.datetime(),
    periodEnd: p.datetime(),
    issuedAt: p.datetime(),
    subtotalMinor: p.bigint('number'),
    currency: p.string().length(3),
  },
  indexes: [{ properties: ['tenantId', 'issuedAt'] }, { properties: ['subscriptionId', 'periodStart'] }],
});
export type InvoiceRow = InferEntity<typeof Invoice>;

/** A purchase's own invoice (R27) is issued once: its issue key names the purchase. */
export const PRORATION_KEY_PREFIX = 'purchase:';
export const prorationIssueKey = (purchaseId: string) => `${PRORATION_KEY_PREFIX}${purchaseId}`;

/** One line of an issued invoice; amounts in integer minor units, rounded once (R27). */
export const InvoiceLine = defineEntity({
  name: 'InvoiceLine',
  tableName: 'invoice_line',
  properties: {
    id: p.string().primary(),
    invoiceId: p.string().index(),
    subscriptionId: p.string(),
    position: p.integer(),
    kind: p.enum([...LINE_ITEM_KINDS]),
    description: p.string(),
    quantity: p.integer(),
    unitAmountMinor: p.bigint('number'),
    amountMinor: p.bigint('number'),
    currency: p.string().length(3),
    periodStart: p.datetime(),
    periodEnd: p.datetime(),
    usageType: p.enum([...USAGE_TYPES]).nullable(),
    addOnKey: p.string().nullable(),
  },
  // subscription.overageLineItems (R29, R32) reads by subscription and kind.
  indexes: [{ properties: ['subscriptionId', 'kind'] }],
});
export type InvoiceLineRow = InferEntity<typeof InvoiceLine>;
