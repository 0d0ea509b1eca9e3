import type { AddOnType, ExhaustionPolicy, FeatureAvailability, ProductLine, SeatModel } from '../../kernel/catalog-terms';
import { money } from '../../kernel/money';
import type { UsageType } from '../../kernel/usage-types';
import { assertOperator } from '../../runtime/authorization';
import { createAddOn } from '../commands/create-add-on';
import { createFeature } from '../commands/create-feature';
import { createPlan } from '../commands/create-plan';
import { updateAddOn } from '../commands/update-add-on';
import { updatePlan } from '../commands/update-plan';
import type { CatalogContext } from '../context';

interface MoneyInput {
  amountMinor: number;
  currency: string;
}
interface PlanFeatureInput {
  featureKey: string;
  availability: FeatureAvailability;
}

const toMoney = (input: MoneyInput) => money(input.amountMinor, input.currency);

/** Catalog changes: operators only (`licensing:provision`). */
export const Mutation = {
  createPlan: (
    _: unknown,
    { input }: { input: { key: string; name: string; productLine: ProductLine; seatUsageType: UsageType; seatPrice: MoneyInput; features: PlanFeatureInput[] } },
    ctx: CatalogContext,
  ) => {
    assertOperator(ctx.principal, 'change the catalog');
    return createPlan(ctx.em, { ...input, seatPrice: toMoney(input.seatPrice) }, ctx.now);
  },
  updatePlan: (
    _: unknown,
    { input }: { input: { key: string; name?: string | null; seatPrice?: MoneyInput | null; features?: PlanFeatureInput[] | null } },
    ctx: CatalogContext,
  ) => {
    assertOperator(ctx.principal, 'change the catalog');
    return updatePlan(
      ctx.em,
      input.key,
      { name: input.name, seatPrice: input.seatPrice ? toMoney(input.seatPrice) : null, features: input.features },
      ctx.now,
    );
  },
  createFeature: (
    _: unknown,
    { input }: { input: { key: string; name: string; productLine: ProductLine; addOnKey?: string | null } },
    ctx: CatalogContext,
  ) => {
    assertOperator(ctx.principal, 'change the catalog');
    return createFeature(ctx.em, { ...input, addOnKey: input.addOnKey ?? null });
  },
  createAddOn: (
    _: unknown,
    {
      input,
    }: {
      input: {
        key: string;
        name: string;
        productLine: ProductLine;
        type: AddOnType;
        seatModel: SeatModel;
        usageType?: UsageType | null;
        exhaustionPolicy: ExhaustionPolicy;
        unitPrice: MoneyInput;
      };
    },
    ctx: CatalogContext,
  ) => {
    assertOperator(ctx.principal, 'change the catalog');
    return createAddOn(ctx.em, { ...input, usageType: input.usageType ?? null, unitPrice: toMoney(input.unitPrice) }, ctx.now);
  },
  updateAddOn: (
    _: unknown,
    { input }: { input: { key: string; name?: string | null; exhaustionPolicy?: ExhaustionPolicy | null; unitPrice?: MoneyInput | null } },
    ctx: CatalogContext,
  ) => {
    assertOperator(ctx.principal, 'change the catalog');
    return updateAddOn(
      ctx.em,
      input.key,
      { name: input.name, exhaustionPolicy: input.exhaustionPolicy, unitPrice: input.unitPrice ? toMoney(input.unitPrice) : null },
      ctx.now,
    );
  },
};
