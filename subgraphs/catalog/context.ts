import type { EntityManager } from '@mikro-orm/core';

import type { RequestContext } from '../runtime/request-context';
import { createCatalogLoaders, type CatalogLoaders } from './loaders';

export interface CatalogContext extends RequestContext {
  readonly em: EntityManager;
  readonly loaders: CatalogLoaders;
}

/** A request's context: its own entity-manager fork and loaders, never shared between requests. */
export function createCatalogContext(base: RequestContext, em: EntityManager): CatalogContext {
  return { ...base, em, loaders: createCatalogLoaders({ em }) };
}
