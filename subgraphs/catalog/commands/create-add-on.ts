import type { EntityManager } from '@mikro-orm/core';

import { BOUNDS } from '../../kernel/bounds';
import { DomainError } from '../../kernel/domain-error';
import type { CatalogAddOnChanged } from '../../kernel/integration-events';
import { enqueueEvents, newEvent } from '../../runtime/outbox';
import { validateAddOn } from '../domain/add-on-kinds';
import type { CatalogAddOn } from '../../kernel/catalog-model';
import { AddOn } from '../entities/add-on.entity';

/**
 * Creates an add-on (R2 to R4) and announces it to the subgraphs that act on add-ons.
 * BAD_USER_INPUT when it is inconsistent, CONFLICT when the key is taken.
 */
export async function createAddOn(em: EntityManager, addOn: CatalogAddOn, at: Date): Promise<CatalogAddOn> {
  validateAddOn(addOn);
  return em.transactional(async (tx) => {
    if (await tx.findOne(AddOn, { key: addOn.key })) {
      throw new DomainError('CONFLICT', `an add-on "${addOn.key}" exists already`);
    }
    if ((await tx.count(AddOn, {})) >= BOUNDS.catalogAddOns) {
      throw new DomainError('BAD_USER_INPUT', `the catalog holds at most ${BOUNDS.catalogAddOns} add-ons`);
    }
    tx.persist(
      tx.create(AddOn, {
        key: addOn.key,
        name: addOn.name.trim(),
        productLine: addOn.productLine,
        type: addOn.type,
        seatModel: addOn.seatModel,
        usageType: addOn.usageType,
        exhaustionPolicy: addOn.exhaustionPolicy,
        unitPriceMinor: addOn.unitPrice.amountMinor,
        currency: addOn.unitPrice.currency,
        createdAt: at,
        updatedAt: at,
      }),
    );
    enqueueEvents(tx, [newEvent<CatalogAddOnChanged>('CatalogAddOnChanged', { addOn }, at)]);
    return addOn;
  });
}
