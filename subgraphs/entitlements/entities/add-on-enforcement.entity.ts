import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** R20: from `enforcedFrom` on only licensed users of the tenant have access to the add-on. */
export const AddOnEnforcement = defineEntity({
  name: 'AddOnEnforcement',
  tableName: 'add_on_enforcement',
  properties: {
    tenantId: p.string().primary(),
    addOnKey: p.string().primary(),
    enforcedFrom: p.datetime(),
  },
});
export type AddOnEnforcementRow = InferEntity<typeof AddOnEnforcement>;
