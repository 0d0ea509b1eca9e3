import type { EntityManager } from '@mikro-orm/core';

import type { OutboxRelay } from '../runtime/outbox';
import type { RequestContext } from '../runtime/request-context';
import { TenantGuard } from '../runtime/tenant-guard';
import { createSubscriptionsLoaders, type SubscriptionsLoaders } from './loaders';

export interface SubscriptionsContext extends RequestContext {
  readonly em: EntityManager;
  readonly loaders: SubscriptionsLoaders;
  readonly tenants: TenantGuard;
  /** Delivers committed events now, so other subgraphs know of a change before the mutation answers. */
  readonly relay: OutboxRelay;
}

export function createSubscriptionsContext(base: RequestContext, em: EntityManager, relay: OutboxRelay): SubscriptionsContext {
  const loaders = createSubscriptionsLoaders(em);
  return { ...base, em, loaders, tenants: new TenantGuard(base.principal, loaders.tenantFactsById), relay };
}
