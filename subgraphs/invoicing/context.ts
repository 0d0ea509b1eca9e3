import type { EntityManager } from '@mikro-orm/core';

import type { RequestContext } from '../runtime/request-context';
import { TenantGuard } from '../runtime/tenant-guard';
import { directoryFactsByTenantId } from '../runtime/tenant-directory';

export interface InvoicingContext extends RequestContext {
  readonly em: EntityManager;
  readonly tenants: TenantGuard;
}

export function createInvoicingContext(base: RequestContext, em: EntityManager): InvoicingContext {
  return { ...base, em, tenants: new TenantGuard(base.principal, directoryFactsByTenantId(em)) };
}
