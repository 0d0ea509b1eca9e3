import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** R19: a trial of an add-on for a whole tenant. */
export const AddOnTrial = defineEntity({
  name: 'AddOnTrial',
  tableName: 'add_on_trial',
  properties: {
    id: p.string().primary(),
    tenantId: p.string().index(),
    addOnKey: p.string(),
    startsAt: p.datetime(),
    endsAt: p.datetime(),
    startedBy: p.string(),
  },
});
export type AddOnTrialRow = InferEntity<typeof AddOnTrial>;
