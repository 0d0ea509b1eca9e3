import type { EntityManager } from '@mikro-orm/core';

import { DomainError } from '../../kernel/domain-error';
import type { CatalogPlan } from '../../kernel/catalog-model';
import { Plan } from '../entities/plan.entity';
import { savePlan } from './save-plan';

/** Creates a plan with its feature matrix (R1). CONFLICT when the key is taken. */
export async function createPlan(em: EntityManager, plan: CatalogPlan, at: Date): Promise<CatalogPlan> {
  return em.transactional(async (tx) => {
    if (await tx.findOne(Plan, { key: plan.key })) throw new DomainError('CONFLICT', `a plan "${plan.key}" exists already`);
    return savePlan(tx, plan, at, false);
  });
}
