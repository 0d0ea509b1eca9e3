import type { SqlEntityManager } from '@mikro-orm/knex';

import type { RequestContext } from '../runtime/request-context';
import { TenantGuard } from '../runtime/tenant-guard';
import { createInvoicingLoaders, type InvoicingLoaders } from './loaders';

export interface InvoicingContext extends RequestContext {
  readonly em: SqlEntityManager;
  readonly tenants: TenantGuard;
  readonly loaders: InvoicingLoaders;
}

export function createInvoicingContext(base: RequestContext, em: SqlEntityManager): InvoicingContext {
  const loaders = createInvoicingLoaders({ em });
  return { ...base, em, tenants: new TenantGuard(base.principal, loaders), loaders };
}
