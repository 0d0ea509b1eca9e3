import type { EntityManager } from '@mikro-orm/core';

import { applyEntitlementsEvent, ENTITLEMENTS_EVENT_TYPES } from './entitlements/commands/apply-events';
import { applyInvoicingEvent, INVOICING_EVENT_TYPES } from './invoicing/commands/apply-events';
import { seedCatalog } from './catalog/commands/seed-catalog';
import { CATALOG_ENTITIES } from './catalog/entities';
import { CATALOG_MIGRATIONS } from './catalog/migrations';
import { buildCatalogSubgraph } from './catalog/subgraph';
import { ENTITLEMENTS_ENTITIES } from './entitlements/entities';
import { ENTITLEMENTS_MIGRATIONS } from './entitlements/migrations';
import { buildEntitlementsSubgraph } from './entitlements/subgraph';
import { INVOICING_ENTITIES } from './invoicing/entities';
import { INVOICING_MIGRATIONS } from './invoicing/migrations';
import { buildInvoicingSubgraph } from './invoicing/subgraph';
import type { IntegrationEvent } from './kernel/integration-events';
import { applyToAuditLog } from './runtime/audit';
import { consumeOnce } from './runtime/outbox';
import type { SubgraphModule } from './runtime/subgraph-module';
import { afterTenantDirectoryEvent, applyToTenantDirectory } from './runtime/tenant-directory';
import { applyToCatalogReplica } from './runtime/catalog-replica';
import { applyToSubscriptionReplica } from './runtime/subscription-replica';
import { applyToPoolHoldings } from './subscriptions/commands/pool-holdings';
import { SUBSCRIPTIONS_ENTITIES } from './subscriptions/entities';
import { SUBSCRIPTIONS_MIGRATIONS } from './subscriptions/migrations';
import { buildSubscriptionsSubgraph } from './subscriptions/subgraph';

/**
 * Entitlements and Invoicing keep copies of the tenant directory, the catalog and the
 * subscriptions; Subscriptions keeps a copy of the catalog and of who holds each pool
 * (R36). Each event is applied once.
 */
const REPLICATED: readonly IntegrationEvent['type'][] = [
  'TenantCreated',
  'PartnerAccessChanged',
  'CatalogAddOnChanged',
  'CatalogPlanChanged',
  'SubscriptionChanged',
];
/** A consumer that keeps the replicas and applies the subgraph's own event types. */
function consumeWithReplicas(
  ownTypes: readonly IntegrationEvent['type'][],
  applyOwn: (em: EntityManager, event: IntegrationEvent, now: Date) => Promise<void>,
): NonNullable<SubgraphModule['consume']> {
  return async (orm, event, now) => {
    // Events a subgraph does not act on are not recorded as processed, so a handler
    // added later still gets them when they are delivered again.
    if (!REPLICATED.includes(event.type) && !ownTypes.includes(event.type)) return false;
    try {
      return await consumeOnce(orm, event, async (em) => {
        await applyToTenantDirectory(em, event);
        await applyToCatalogReplica(em, event);
        await applyToSubscriptionReplica(em, event);
        await applyOwn(em, event, now);
      });
    } finally {
      // Committed or not: the next read of this tenant's facts goes to the table.
      afterTenantDirectoryEvent(orm.em, event);
    }
  };
}
/** Subscriptions keeps a copy of the catalog and the tenants' audit logs (R35). */
const consumeIntoSubscriptions: SubgraphModule['consume'] = async (orm, event) => {
  if (event.type === 'AuditRecorded') return void (await consumeOnce(orm, event, (em) => applyToAuditLog(em, event)));
  if (event.type === 'PoolHoldersChanged') return void (await consumeOnce(orm, event, (em) => applyToPoolHoldings(em, event)));
  if (event.type !== 'CatalogAddOnChanged' && event.type !== 'CatalogPlanChanged') return;
  await consumeOnce(orm, event, (em) => applyToCatalogReplica(em, event));
};

/** The four subgraphs: what each is built from, its tables, migrations, ports and the events it consumes. */
export const SUBGRAPH_MODULES: readonly SubgraphModule[] = [
  {
    name: 'catalog',
    defaultPort: 4001,
    entities: CATALOG_ENTITIES,
    migrations: CATALOG_MIGRATIONS,
    build: ({ orm, relay }) => buildCatalogSubgraph(orm, relay),
    onStart: async (orm, now) => {
      await seedCatalog(orm.em.fork(), now);
    },
  },
  {
    name: 'entitlements',
    defaultPort: 4002,
    entities: ENTITLEMENTS_ENTITIES,
    migrations: ENTITLEMENTS_MIGRATIONS,
    build: ({ orm, relay }) => buildEntitlementsSubgraph(orm, relay),
    consume: consumeWithReplicas(ENTITLEMENTS_EVENT_TYPES, applyEntitlementsEvent),
  },
  {
    name: 'subscriptions',
    defaultPort: 4003,
    entities: SUBSCRIPTIONS_ENTITIES,
    migrations: SUBSCRIPTIONS_MIGRATIONS,
    build: ({ orm, relay }) => buildSubscriptionsSubgraph(orm, relay),
    consume: consumeIntoSubscriptions,
  },
  {
    name: 'invoicing',
    defaultPort: 4004,
    entities: INVOICING_ENTITIES,
    migrations: INVOICING_MIGRATIONS,
    build: ({ orm, relay }) => buildInvoicingSubgraph(orm, relay),
    consume: consumeWithReplicas(INVOICING_EVENT_TYPES, applyInvoicingEvent),
  },
];
