import { DomainError } from '../../kernel/domain-error';
import { assertName } from '../../kernel/text-input';
import { assertCatalogKey, assertPrice } from './catalog-keys';
import type { CatalogAddOn, CatalogFeature, CatalogPlan, MatrixCell, PlanSnapshot } from '../../kernel/catalog-model';

/**
 * R1: a plan lists each feature of its product line as INCLUDED, ADD_ON or
 * UNAVAILABLE. A cell may only name a feature of the plan's own line, at most once,
 * and ADD_ON needs a feature that an add-on sells.
 */
export function validatePlan(plan: CatalogPlan, features: ReadonlyMap<string, CatalogFeature>): void {
  assertCatalogKey(plan.key, 'plan');
  assertName(plan.name, 'plan');
  assertPrice(plan.seatPrice, 'seat price');
  const seen = new Set<string>();
  for (const cell of plan.features) {
    if (seen.has(cell.featureKey)) {
      throw new DomainError('BAD_USER_INPUT', `feature "${cell.featureKey}" is listed twice`);
    }
    seen.add(cell.featureKey);
    const feature = features.get(cell.featureKey);
    if (!feature) throw new DomainError('BAD_USER_INPUT', `unknown feature "${cell.featureKey}"`);
    if (feature.productLine !== plan.productLine) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `feature "${feature.key}" belongs to ${feature.productLine}, not to the plan's ${plan.productLine}`,
      );
    }
    if (cell.availability === 'ADD_ON' && feature.addOnKey === null) {
      throw new DomainError('BAD_USER_INPUT', `feature "${feature.key}" has no add-on, so it cannot be ADD_ON`);
    }
  }
}

/**
 * R1: the whole matrix of a plan: every feature of its product line, in the order
 * given, with UNAVAILABLE for features the plan does not list.
 */
export function completeMatrix(
  cells: readonly MatrixCell[],
  lineFeatures: readonly CatalogFeature[],
): { feature: CatalogFeature; availability: MatrixCell['availability'] }[] {
  const byKey = new Map(cells.map((cell) => [cell.featureKey, cell.availability]));
  return lineFeatures.map((feature) => ({ feature, availability: byKey.get(feature.key) ?? 'UNAVAILABLE' }));
}

/** R1: add-ons whose feature the plan includes at no extra cost (Elite: AI Expert Assist, QM, WFM). */
export function includedAddOnKeys(cells: readonly MatrixCell[], features: ReadonlyMap<string, CatalogFeature>): string[] {
  return addOnKeysWith(cells, features, 'INCLUDED');
}

/** R1: add-ons the plan sells (its ADD_ON cells). */
export function purchasableAddOnKeys(cells: readonly MatrixCell[], features: ReadonlyMap<string, CatalogFeature>): string[] {
  return addOnKeysWith(cells, features, 'ADD_ON');
}

function addOnKeysWith(
  cells: readonly MatrixCell[],
  features: ReadonlyMap<string, CatalogFeature>,
  availability: MatrixCell['availability'],
): string[] {
  const keys: string[] = [];
  for (const cell of cells) {
    const addOnKey = features.get(cell.featureKey)?.addOnKey;
    if (cell.availability === availability && addOnKey) keys.push(addOnKey);
  }
  return keys;
}

/** A feature that an add-on sells must name an add-on of its own product line. */
export function validateFeature(feature: CatalogFeature, addOn: CatalogAddOn | null): void {
  assertCatalogKey(feature.key, 'feature');
  assertName(feature.name, 'feature');
  if (feature.addOnKey === null) return;
  if (!addOn) throw new DomainError('BAD_USER_INPUT', `unknown add-on "${feature.addOnKey}"`);
  if (addOn.productLine !== feature.productLine) {
    throw new DomainError('BAD_USER_INPUT', `add-on "${addOn.key}" belongs to ${addOn.productLine}, not ${feature.productLine}`);
  }
}

/**
 * R1: the plan as other subgraphs need it: every feature of its line with its
 * availability (UNAVAILABLE where the plan is silent) and the add-on that sells it.
 */
export function planSnapshot(plan: CatalogPlan, lineFeatures: readonly CatalogFeature[]): PlanSnapshot {
  return {
    ...plan,
    features: completeMatrix(plan.features, lineFeatures).map(({ feature, availability }) => ({
      featureKey: feature.key,
      availability,
      addOnKey: feature.addOnKey,
    })),
  };
}
