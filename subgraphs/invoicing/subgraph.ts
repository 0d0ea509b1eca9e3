import type { OutboxRelay } from '../runtime/outbox';
import type { Orm } from '../runtime/orm';
import type { SubgraphParts } from '../runtime/serve-subgraph';
import { createInvoicingContext, type InvoicingContext } from './context';
import { invoicingResolvers } from './resolvers';

/** The Invoicing subgraph (purchases, invoices, proration: R26 to R31) over an open ORM. */
export function buildInvoicingSubgraph(orm: Orm, relay: OutboxRelay): SubgraphParts<InvoicingContext> {
  return {
    name: 'invoicing',
    resolvers: invoicingResolvers as SubgraphParts<InvoicingContext>['resolvers'],
    createContext: (base) => createInvoicingContext(base, orm.em.fork()),
    isReady: () => orm.isConnected(),
    afterMutation: () => relay.deliver(),
  };
}
