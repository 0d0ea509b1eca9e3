import type { EntityManager } from '@mikro-orm/core';

import type { OutboxRelay } from '../runtime/outbox';
import type { RequestContext } from '../runtime/request-context';
import { TenantGuard } from '../runtime/tenant-guard';
import { createEntitlementsLoaders, type EntitlementsLoaders } from './loaders';

export interface EntitlementsContext extends RequestContext {
  readonly em: EntityManager;
  readonly loaders: EntitlementsLoaders;
  readonly tenants: TenantGuard;
  readonly relay: OutboxRelay;
}

export function createEntitlementsContext(base: RequestContext, em: EntityManager, relay: OutboxRelay): EntitlementsContext {
  const loaders = createEntitlementsLoaders(em);
  return { ...base, em, loaders, tenants: new TenantGuard(base.principal, loaders.tenantFactsById), relay };
}
