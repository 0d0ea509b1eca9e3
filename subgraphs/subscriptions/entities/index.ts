import { CATALOG_REPLICA_ENTITIES } from '../../runtime/catalog-replica';
import { AUDIT_ENTITIES } from '../../runtime/audit';
import { OUTBOX_ENTITIES } from '../../runtime/outbox';
import { Partner } from './partner.entity';
import { SubscriptionTerm } from './subscription-term.entity';
import { Subscription } from './subscription.entity';
import { TenantPartner } from './tenant-partner.entity';
import { Tenant } from './tenant.entity';
import { PoolHolding } from './pool-holding.entity';
import { UsageMonthTotal } from './usage-month-total.entity';
import { UsageRecord } from './usage-record.entity';

export const SUBSCRIPTIONS_ENTITIES = [
  Partner,
  Tenant,
  TenantPartner,
  Subscription,
  SubscriptionTerm,
  UsageRecord,
  UsageMonthTotal,
  PoolHolding,
  ...CATALOG_REPLICA_ENTITIES,
  ...OUTBOX_ENTITIES, ...AUDIT_ENTITIES,
];
