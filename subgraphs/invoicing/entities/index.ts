import { CATALOG_REPLICA_ENTITIES } from '../../runtime/catalog-replica';
import { AUDIT_ENTITIES } from '../../runtime/audit';
import { OUTBOX_ENTITIES } from '../../runtime/outbox';
import { SUBSCRIPTION_REPLICA_ENTITIES } from '../../runtime/subscription-replica';
import { TENANT_DIRECTORY_ENTITIES } from '../../runtime/tenant-directory';
import { ConcurrencyOverage } from './concurrency-overage.entity';
import { Invoice, InvoiceLine } from './invoice.entity';
import { Purchase } from './purchase.entity';
import { FeatureRequest, QuoteRequest } from './self-service-request.entity';
import { UsageReading } from './usage-reading.entity';

export const INVOICING_ENTITIES = [
  Purchase,
  Invoice,
  InvoiceLine,
  UsageReading,
  ConcurrencyOverage,
  QuoteRequest,
  FeatureRequest,
  ...TENANT_DIRECTORY_ENTITIES,
  ...CATALOG_REPLICA_ENTITIES,
  ...SUBSCRIPTION_REPLICA_ENTITIES,
  ...OUTBOX_ENTITIES, ...AUDIT_ENTITIES,
];
