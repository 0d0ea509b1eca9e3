import type { EntityManager } from '@mikro-orm/core';

import type { OutboxRelay } from '../runtime/outbox';
import type { RequestContext } from '../runtime/request-context';
import { TenantGuard } from '../runtime/tenant-guard';
import { directoryFactsByTenantId } from '../runtime/tenant-directory';

export interface InvoicingContext extends RequestContext {
  readonly em: EntityManager;
  readonly tenants: TenantGuard;
  readonly relay: OutboxRelay;
}

export function createInvoicingContext(base: RequestContext, em: EntityManager, relay: OutboxRelay): InvoicingContext {
  return { ...base, em, tenants: new TenantGuard(base.principal, directoryFactsByTenantId(em)), relay };
}
