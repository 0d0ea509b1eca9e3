import type { SqlEntityManager } from '@mikro-orm/knex';
import type DataLoader from 'dataloader';

import type { TenantAccessFacts } from '../kernel/tenant-access';
import { groupedLoader, keyedLoader } from '../runtime/keyed-loader';
import { lazyLoaders, type LoaderDeps } from '../runtime/lazy-loaders';
import { readRows } from '../runtime/read-rows';
import { SUBSCRIPTION_REPLICA_LOADERS, type SubscriptionReplicaLoaders } from '../runtime/subscription-replica';
import { directoryFactsByTenantId } from '../runtime/tenant-directory';
import { Invoice, InvoiceLine, PRORATION_KEY_PREFIX, prorationIssueKey, type InvoiceLineRow, type InvoiceRow } from './entities/invoice.entity';
import { Purchase, type PurchaseRow } from './entities/purchase.entity';

export interface InvoicingLoaders extends SubscriptionReplicaLoaders {
  /** What scoping needs of a tenant (R33), from Invoicing's tenant directory. */
  readonly tenantFactsById: DataLoader<string, TenantAccessFacts | null>;
  readonly invoiceById: DataLoader<string, InvoiceRow | null>;
  readonly invoicesByTenantId: DataLoader<string, InvoiceRow[]>;
  readonly linesByInvoiceId: DataLoader<string, InvoiceLineRow[]>;
  readonly overageLinesBySubscriptionId: DataLoader<string, InvoiceLineRow[]>;
  readonly purchaseById: DataLoader<string, PurchaseRow | null>;
  readonly prorationInvoiceByPurchaseId: DataLoader<string, InvoiceRow | null>;
}

/** Per-request loaders of Invoicing, each made on first use (runtime/lazy-loaders.ts); one query per batch for every field that loads by key. */
export const createInvoicingLoaders = lazyLoaders<LoaderDeps<SqlEntityManager>, InvoicingLoaders>({
  ...SUBSCRIPTION_REPLICA_LOADERS,
  tenantFactsById: ({ em }) => directoryFactsByTenantId(em),
  invoiceById: ({ em }) => keyedLoader(async (ids) => readRows(em, Invoice, { id: ids }), (i) => i.id),
  invoicesByTenantId: ({ em }) =>
    groupedLoader(
      async (ids) => readRows(em, Invoice, { tenantId: ids }, { orderBy: { issuedAt: 'desc', id: 'desc' } }),
      (i) => i.tenantId,
    ),
  linesByInvoiceId: ({ em }) =>
    groupedLoader(
      async (ids) => readRows(em, InvoiceLine, { invoiceId: ids }, { orderBy: { invoiceId: 'asc', position: 'asc' } }),
      (l) => l.invoiceId,
    ),
  overageLinesBySubscriptionId: ({ em }) =>
    groupedLoader(
      async (ids) => readRows(em, InvoiceLine, { subscriptionId: ids, kind: 'OVERAGE' }, { orderBy: { periodStart: 'desc', id: 'desc' } }),
      (l) => l.subscriptionId,
    ),
  purchaseById: ({ em }) => keyedLoader(async (ids) => readRows(em, Purchase, { id: ids }), (p) => p.id),
  prorationInvoiceByPurchaseId: ({ em }) =>
    keyedLoader(
      async (ids) => readRows(em, Invoice, { issueKey: ids.map(prorationIssueKey) }),
      (i) => i.issueKey.slice(PRORATION_KEY_PREFIX.length),
    ),
});
