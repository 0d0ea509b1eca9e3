import type { SqlEntityManager } from '@mikro-orm/knex';

import type { RequestContext } from '../runtime/request-context';
import { TenantGuard } from '../runtime/tenant-guard';
import { createSubscriptionsLoaders, type SubscriptionsLoaders } from './loaders';

export interface SubscriptionsContext extends RequestContext {
  readonly em: SqlEntityManager;
  readonly loaders: SubscriptionsLoaders;
  readonly tenants: TenantGuard;
}

export function createSubscriptionsContext(base: RequestContext, em: SqlEntityManager): SubscriptionsContext {
  const loaders = createSubscriptionsLoaders({ em });
  return { ...base, em, loaders, tenants: new TenantGuard(base.principal, loaders) };
}
