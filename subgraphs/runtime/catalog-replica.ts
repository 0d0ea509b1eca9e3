import { defineEntity, p, type EntityManager } from '@mikro-orm/core';
import type DataLoader from 'dataloader';

import type { CatalogAddOn, PlanSnapshot } from '../kernel/catalog-model';
import type { IntegrationEvent } from '../kernel/integration-events';
import { keyedLoader } from './keyed-loader';
import type { LoaderDeps, LoaderFactories } from './lazy-loaders';
import { readRows } from './read-rows';

/**
 * A subgraph's copy of the catalog, fed by Catalog's events (CatalogPlanChanged,
 * CatalogAddOnChanged): each plan and add-on as one JSON document by key. Enough to
 * validate plan and add-on keys and to apply the catalog's rules locally (policies,
 * types, feature matrix, prices) without calling Catalog behind the gateway.
 */
export const CatalogReplica = defineEntity({
  name: 'CatalogReplica',
  tableName: 'catalog_replica',
  properties: {
    kind: p.enum(['PLAN', 'ADD_ON'] as const).primary(),
    key: p.string().primary(),
    document: p.text(),
  },
});

export const CATALOG_REPLICA_ENTITIES = [CatalogReplica];

/** Applies a catalog event to the replica; other events are not its business. */
export async function applyToCatalogReplica(em: EntityManager, event: IntegrationEvent): Promise<void> {
  switch (event.type) {
    case 'CatalogAddOnChanged':
      await em.upsert(CatalogReplica, { kind: 'ADD_ON', key: event.payload.addOn.key, document: JSON.stringify(event.payload.addOn) });
      return;
    case 'CatalogPlanChanged':
      await em.upsert(CatalogReplica, { kind: 'PLAN', key: event.payload.plan.key, document: JSON.stringify(event.payload.plan) });
      return;
    default:
      return;
  }
}

export interface CatalogReplicaLoaders {
  readonly replicaPlanByKey: DataLoader<string, PlanSnapshot | null>;
  readonly replicaAddOnByKey: DataLoader<string, CatalogAddOn | null>;
}

function replicaByKey<T extends { key: string }>(em: EntityManager, kind: 'PLAN' | 'ADD_ON') {
  return keyedLoader(
    async (keys: readonly string[]) => (await readRows(em, CatalogReplica, { kind, key: keys })).map((row) => JSON.parse(row.document) as T),
    (document: T) => document.key,
  );
}

/** Plans and add-ons of the replica by key: one query per batch. */
export const CATALOG_REPLICA_LOADERS: LoaderFactories<LoaderDeps, CatalogReplicaLoaders> = {
  replicaPlanByKey: ({ em }) => replicaByKey<PlanSnapshot>(em, 'PLAN'),
  replicaAddOnByKey: ({ em }) => replicaByKey<CatalogAddOn>(em, 'ADD_ON'),
};

/** A plan of the replica, or null (commands validate keys with it inside their transaction). */
export async function findReplicaPlan(em: EntityManager, key: string): Promise<PlanSnapshot | null> {
  const [row] = await readRows(em, CatalogReplica, { kind: 'PLAN', key });
  return row ? (JSON.parse(row.document) as PlanSnapshot) : null;
}

/** Add-ons of the replica by key; keys it does not know are absent from the map. */
export async function findReplicaAddOns(em: EntityManager, keys: readonly string[]): Promise<Map<string, CatalogAddOn>> {
  const rows = await readRows(em, CatalogReplica, { kind: 'ADD_ON', key: keys });
  return new Map(rows.map((row) => [row.key, JSON.parse(row.document) as CatalogAddOn]));
}
