import type {
  AddOnType,
  ExhaustionPolicy,
  FeatureAvailability,
  ProductLine,
  SeatModel,
} from '../../kernel/catalog-terms';
import type { Money } from '../../kernel/money';
import type { UsageType } from '../../kernel/usage-types';

/** Plain catalog data as the rules see it: no entities, no GraphQL. */
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
