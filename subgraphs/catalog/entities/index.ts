import { OUTBOX_ENTITIES } from '../../runtime/outbox';
import { AddOn } from './add-on.entity';
import { Feature } from './feature.entity';
import { PlanFeature } from './plan-feature.entity';
import { Plan } from './plan.entity';

export const CATALOG_ENTITIES = [Plan, PlanFeature, Feature, AddOn, ...OUTBOX_ENTITIES];
