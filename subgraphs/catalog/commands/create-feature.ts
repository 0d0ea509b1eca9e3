import type { EntityManager } from '@mikro-orm/core';

import { DomainError } from '../../kernel/domain-error';
import type { CatalogFeature } from '../../kernel/catalog-model';
import { validateFeature } from '../domain/feature-matrix';
import { AddOn } from '../entities/add-on.entity';
import { Feature } from '../entities/feature.entity';
import { toCatalogAddOn } from '../loaders';

/** Creates a feature of a product line, optionally sold by an add-on of the same line (R1). */
export async function createFeature(em: EntityManager, feature: CatalogFeature): Promise<CatalogFeature> {
  return em.transactional(async (tx) => {
    const addOn = feature.addOnKey ? await tx.findOne(AddOn, { key: feature.addOnKey }) : null;
    validateFeature(feature, addOn ? toCatalogAddOn(addOn) : null);
    if (await tx.findOne(Feature, { key: feature.key })) {
      throw new DomainError('CONFLICT', `a feature "${feature.key}" exists already`);
    }
    const position = await tx.count(Feature, { productLine: feature.productLine });
    tx.persist(tx.create(Feature, { ...feature, name: feature.name.trim(), position }));
    return feature;
  });
}
