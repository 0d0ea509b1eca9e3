import type { EntityManager } from '@mikro-orm/core';

import { AddOn } from '../entities/add-on.entity';
import { Feature } from '../entities/feature.entity';
import { Plan } from '../entities/plan.entity';
import { SEED_ADD_ONS, SEED_FEATURES, SEED_PLANS } from '../seed/catalog-seed';
import { createAddOn } from './create-add-on';
import { createFeature } from './create-feature';
import { createPlan } from './create-plan';

/**
 * Loads the seed catalog (R1) into whatever is missing: a key that exists is left as
 * an operator may have changed it, so start-up never overwrites the catalog.
 * Goes through the same commands, so seed data obeys the same rules.
 */
export async function seedCatalog(em: EntityManager, at: Date): Promise<{ created: number }> {
  return em.transactional(async (tx) => {
    const keysOf = (rows: readonly { key: string }[]) => new Set(rows.map((row) => row.key));
    const addOns = keysOf(await tx.find(AddOn, {}, { fields: ['key'] }));
    const features = keysOf(await tx.find(Feature, {}, { fields: ['key'] }));
    const plans = keysOf(await tx.find(Plan, {}, { fields: ['key'] }));
    let created = 0;
    for (const addOn of SEED_ADD_ONS.filter((a) => !addOns.has(a.key))) {
      await createAddOn(tx, addOn, at);
      created++;
    }
    for (const feature of SEED_FEATURES.filter((f) => !features.has(f.key))) {
      await createFeature(tx, feature);
      created++;
    }
    for (const plan of SEED_PLANS.filter((p) => !plans.has(p.key))) {
      await createPlan(tx, plan, at);
      created++;
    }
    return { created };
  });
}
