import type { SqlEntityManager } from '@mikro-orm/knex';
import type DataLoader from 'dataloader';

import { groupedLoader, keyedLoader } from '../runtime/keyed-loader';
import { readRows } from '../runtime/read-rows';
import type { RequestContext } from '../runtime/request-context';
import { createSubscriptionReplicaLoaders, type SubscriptionReplicaLoaders } from '../runtime/subscription-replica';
import { TenantGuard } from '../runtime/tenant-guard';
import { directoryFactsByTenantId } from '../runtime/tenant-directory';
import { PRORATION_KEY_PREFIX, prorationIssueKey } from './commands/issue-invoice';
import { Invoice, InvoiceLine, type InvoiceLineRow, type InvoiceRow } from './entities/invoice.entity';
import { Purchase, type PurchaseRow } from './entities/purchase.entity';

export interface InvoicingLoaders extends SubscriptionReplicaLoaders {
  readonly invoiceById: DataLoader<string, InvoiceRow | null>;
  readonly invoicesByTenantId: DataLoader<string, InvoiceRow[]>;
  readonly linesByInvoiceId: DataLoader<string, InvoiceLineRow[]>;
  readonly overageLinesBySubscriptionId: DataLoader<string, InvoiceLineRow[]>;
  readonly purchaseById: DataLoader<string, PurchaseRow | null>;
  readonly prorationInvoiceByPurchaseId: DataLoader<string, InvoiceRow | null>;
}

export interface InvoicingContext extends RequestContext {
  readonly em: SqlEntityManager;
  readonly tenants: TenantGuard;
  readonly loaders: InvoicingLoaders;
}

/** One query per batch for every field that loads by key. */
function createInvoicingLoaders(em: SqlEntityManager): InvoicingLoaders {
  return {
    ...createSubscriptionReplicaLoaders(em),
    invoiceById: keyedLoader(async (ids) => readRows(em, Invoice, { id: ids }), (i) => i.id),
    invoicesByTenantId: groupedLoader(
      async (ids) => readRows(em, Invoice, { tenantId: ids }, { orderBy: { issuedAt: 'desc', id: 'desc' } }),
      (i) => i.tenantId,
    ),
    linesByInvoiceId: groupedLoader(
      async (ids) => readRows(em, InvoiceLine, { invoiceId: ids }, { orderBy: { invoiceId: 'asc', position: 'asc' } }),
      (l) => l.invoiceId,
    ),
    overageLinesBySubscriptionId: groupedLoader(
      async (ids) => readRows(em, InvoiceLine, { subscriptionId: ids, kind: 'OVERAGE' }, { orderBy: { periodStart: 'desc', id: 'desc' } }),
      (l) => l.subscriptionId,
    ),
    purchaseById: keyedLoader(async (ids) => readRows(em, Purchase, { id: ids }), (p) => p.id),
    prorationInvoiceByPurchaseId: keyedLoader(
      async (ids) => readRows(em, Invoice, { issueKey: ids.map(prorationIssueKey) }),
      (i) => i.issueKey.slice(PRORATION_KEY_PREFIX.length),
    ),
  };
}

export function createInvoicingContext(base: RequestContext, em: SqlEntityManager): InvoicingContext {
  return { ...base, em, tenants: new TenantGuard(base.principal, directoryFactsByTenantId(em)), loaders: createInvoicingLoaders(em) };
}
