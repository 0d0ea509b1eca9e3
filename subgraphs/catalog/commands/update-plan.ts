import type { EntityManager } from '@mikro-orm/core';

import { DomainError } from '../../kernel/domain-error';
import type { Money } from '../../kernel/money';
import type { CatalogPlan, MatrixCell } from '../../kernel/catalog-model';
import { PlanFeature } from '../entities/plan-feature.entity';
import { Plan } from '../entities/plan.entity';
import { toCatalogPlan } from '../loaders';
import { savePlan } from './save-plan';

export interface PlanChanges {
  readonly name?: string | null;
  readonly seatPrice?: Money | null;
  /** Cells to set; cells not listed keep their availability. */
  readonly features?: readonly MatrixCell[] | null;
}

/** Changes a plan's name, seat price or feature matrix cells (R1). */
export async function updatePlan(em: EntityManager, key: string, changes: PlanChanges, at: Date): Promise<CatalogPlan> {
  return em.transactional(async (tx) => {
    const row = await tx.findOne(Plan, { key });
    if (!row) throw new DomainError('NOT_FOUND', `no plan "${key}"`);
    const cells = await tx.find(PlanFeature, { planKey: key }, { orderBy: { position: 'asc' } });
    const current = toCatalogPlan(row, cells);
    const changed = new Map((changes.features ?? []).map((cell) => [cell.featureKey, cell]));
    if (changed.size !== (changes.features ?? []).length) {
      throw new DomainError('BAD_USER_INPUT', 'a feature is listed twice');
    }
    const kept = current.features.map((cell) => changed.get(cell.featureKey) ?? cell);
    const added = [...changed.values()].filter((cell) => !current.features.some((c) => c.featureKey === cell.featureKey));
    const next: CatalogPlan = {
      ...current,
      ...(changes.name != null ? { name: changes.name } : {}),
      ...(changes.seatPrice != null ? { seatPrice: changes.seatPrice } : {}),
      features: [...kept, ...added],
    };
    return savePlan(tx, next, at, true);
  });
}
