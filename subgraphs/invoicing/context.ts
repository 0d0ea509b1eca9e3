import type { SqlEntityManager } from '@mikro-orm/knex';
import type DataLoader from 'dataloader';

import { groupedLoader, keyedLoader } from '../runtime/keyed-loader';
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
    invoiceById: keyedLoader(async (ids) => em.find(Invoice, { id: { $in: [...ids] } }), (i) => i.id),
    invoicesByTenantId: groupedLoader(
      async (ids) => em.find(Invoice, { tenantId: { $in: [...ids] } }, { orderBy: { issuedAt: 'desc', id: 'desc' } }),
      (i) => i.tenantId,
    ),
    linesByInvoiceId: groupedLoader(
      async (ids) => em.find(InvoiceLine, { invoiceId: { $in: [...ids] } }, { orderBy: { invoiceId: 'asc', position: 'asc' } }),
      (l) => l.invoiceId,
    ),
    overageLinesBySubscriptionId: groupedLoader(
      async (ids) => em.find(InvoiceLine, { subscriptionId: { $in: [...ids] }, kind: 'OVERAGE' }, { orderBy: { periodStart: 'desc', id: 'desc' } }),
      (l) => l.subscriptionId,
    ),
    purchaseById: keyedLoader(async (ids) => em.find(Purchase, { id: { $in: [...ids] } }), (p) => p.id),
    prorationInvoiceByPurchaseId: keyedLoader(
      async (ids) => em.find(Invoice, { issueKey: { $in: ids.map(prorationIssueKey) } }),
      (i) => i.issueKey.slice(PRORATION_KEY_PREFIX.length),
    ),
  };
}

export function createInvoicingContext(base: RequestContext, em: SqlEntityManager): InvoicingContext {
  return { ...base, em, tenants: new TenantGuard(base.principal, directoryFactsByTenantId(em)), loaders: createInvoicingLoaders(em) };
}
