import type { EntityManager } from '@mikro-orm/core';

import type { ExhaustionPolicy } from '../../kernel/catalog-terms';
import { DomainError } from '../../kernel/domain-error';
import type { CatalogAddOnChanged } from '../../kernel/integration-events';
import { enqueueEvents, newEvent } from '../../runtime/outbox';
import { forgetCached } from '../../runtime/process-cache';
import type { Money } from '../../kernel/money';
import { validateAddOn } from '../domain/add-on-kinds';
import type { CatalogAddOn } from '../../kernel/catalog-model';
import { AddOn } from '../entities/add-on.entity';
import { toCatalogAddOn } from '../loaders';

export interface AddOnChanges {
  readonly name?: string | null;
  readonly exhaustionPolicy?: ExhaustionPolicy | null;
  readonly unitPrice?: Money | null;
}

/** Changes an add-on's name, exhaustion policy (R21: catalog data) or price. */
export async function updateAddOn(em: EntityManager, key: string, changes: AddOnChanges, at: Date): Promise<CatalogAddOn> {
  try {
    return await em.transactional(async (tx) => {
      const row = await tx.findOne(AddOn, { key });
      if (!row) throw new DomainError('NOT_FOUND', `no add-on "${key}"`);
      const next: CatalogAddOn = {
        ...toCatalogAddOn(row),
        ...(changes.name != null ? { name: changes.name.trim() } : {}),
        ...(changes.exhaustionPolicy != null ? { exhaustionPolicy: changes.exhaustionPolicy } : {}),
        ...(changes.unitPrice != null ? { unitPrice: changes.unitPrice } : {}),
      };
      validateAddOn(next);
      row.name = next.name;
      row.exhaustionPolicy = next.exhaustionPolicy;
      row.unitPriceMinor = next.unitPrice.amountMinor;
      row.currency = next.unitPrice.currency;
      row.updatedAt = at;
      enqueueEvents(tx, [newEvent<CatalogAddOnChanged>('CatalogAddOnChanged', { addOn: next }, at)]);
      return next;
    });
  } finally {
    forgetCached(em, 'catalog-add-on', key);
  }
}
