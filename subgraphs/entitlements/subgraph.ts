import type { OutboxRelay } from '../runtime/outbox';
import type { Orm } from '../runtime/orm';
import type { SubgraphParts } from '../runtime/serve-subgraph';
import { createEntitlementsContext, type EntitlementsContext } from './context';
import { entitlementsResolvers } from './resolvers';

/** The Entitlements subgraph (users, pools, assignments, trials, sessions: R15 to R25) over an open ORM. */
export function buildEntitlementsSubgraph(orm: Orm, relay: OutboxRelay): SubgraphParts<EntitlementsContext> {
  return {
    name: 'entitlements',
    resolvers: entitlementsResolvers as SubgraphParts<EntitlementsContext>['resolvers'],
    createContext: (base) => createEntitlementsContext(base, orm.em.fork()),
    isReady: () => orm.isConnected(),
    afterMutation: () => relay.deliver(),
  };
}
