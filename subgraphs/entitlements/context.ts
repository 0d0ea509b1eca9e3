import type { SqlEntityManager } from '@mikro-orm/knex';

import type { RequestContext } from '../runtime/request-context';
import { TenantGuard } from '../runtime/tenant-guard';
import { createEntitlementsLoaders, type EntitlementsLoaders } from './loaders';

export interface EntitlementsContext extends RequestContext {
  readonly em: SqlEntityManager;
  readonly loaders: EntitlementsLoaders;
  readonly tenants: TenantGuard;
}

export function createEntitlementsContext(base: RequestContext, em: SqlEntityManager): EntitlementsContext {
  const loaders = createEntitlementsLoaders({ em });
  return { ...base, em, loaders, tenants: new TenantGuard(base.principal, loaders) };
}
