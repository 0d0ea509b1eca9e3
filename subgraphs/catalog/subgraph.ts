import type { Orm } from '../runtime/orm';
import type { OutboxRelay } from '../runtime/outbox';
import type { SubgraphParts } from '../runtime/serve-subgraph';
import { createCatalogContext, type CatalogContext } from './context';
import { catalogResolvers } from './resolvers';

/** The Catalog subgraph (R1 to R4) over an open ORM: resolvers and context, no listening. */
export function buildCatalogSubgraph(orm: Orm, relay: OutboxRelay): SubgraphParts<CatalogContext> {
  return {
    name: 'catalog',
    resolvers: catalogResolvers as SubgraphParts<CatalogContext>['resolvers'],
    createContext: (base) => createCatalogContext(base, orm.em.fork()),
    isReady: () => orm.isConnected(),
    afterMutation: () => relay.deliver(),
  };
}
