import type { AddOnType, ExhaustionPolicy, FeatureAvailability, ProductLine, SeatModel } from './catalog-terms';
import type { Money } from './money';
import type { UsageType } from './usage-types';

/**
 * Plain catalog data as the rules see it (no entities, no GraphQL). Catalog owns it;
 * the other subgraphs hold copies from its events (runtime/catalog-replica.ts).
 */
export interface CatalogFeature {
  readonly key: string;
  readonly name: string;
  readonly productLine: ProductLine;
  readonly addOnKey: string | null;
}

export interface CatalogAddOn {
  readonly key: string;
  readonly name: string;
  readonly productLine: ProductLine;
  readonly type: AddOnType;
  readonly seatModel: SeatModel;
  readonly usageType: UsageType | null;
  readonly exhaustionPolicy: ExhaustionPolicy;
  readonly unitPrice: Money;
}

export interface MatrixCell {
  readonly featureKey: string;
  readonly availability: FeatureAvailability;
}

export interface CatalogPlan {
  readonly key: string;
  readonly name: string;
  readonly productLine: ProductLine;
  readonly seatUsageType: UsageType;
  readonly seatPrice: Money;
  readonly features: readonly MatrixCell[];
}

/** A matrix cell with the add-on that sells its feature, as the plan travels to other subgraphs. */
export interface PlanFeatureCell extends MatrixCell {
  readonly addOnKey: string | null;
}

/** A plan as Catalog announces it (CatalogPlanChanged): every cell of its line, with add-on keys. */
export interface PlanSnapshot extends Omit<CatalogPlan, 'features'> {
  readonly features: readonly PlanFeatureCell[];
}
