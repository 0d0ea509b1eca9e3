import type { OutboxRelay } from '../runtime/outbox';
import type { Orm } from '../runtime/orm';
import type { SubgraphParts } from '../runtime/serve-subgraph';
import { createSubscriptionsContext, type SubscriptionsContext } from './context';
import { subscriptionsResolvers } from './resolvers';

/** The Subscriptions subgraph (tenants, partners, subscriptions: R5 to R14) over an open ORM. */
export function buildSubscriptionsSubgraph(orm: Orm, relay: OutboxRelay): SubgraphParts<SubscriptionsContext> {
  return {
    name: 'subscriptions',
    resolvers: subscriptionsResolvers as SubgraphParts<SubscriptionsContext>['resolvers'],
    createContext: (base) => createSubscriptionsContext(base, orm.em.fork()),
    isReady: () => orm.isConnected(),
    afterMutation: () => relay.deliver(),
  };
}
