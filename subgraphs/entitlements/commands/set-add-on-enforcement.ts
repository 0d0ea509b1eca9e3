import type { EntityManager } from '@mikro-orm/core';

import { AddOnEnforcement, type AddOnEnforcementRow } from '../entities/add-on-enforcement.entity';

/** R20: sets (or moves) the date from which only licensed users of the tenant have access. */
export async function setAddOnEnforcement(
  em: EntityManager,
  input: { tenantId: string; addOnKey: string; enforcedFrom: Date },
): Promise<AddOnEnforcementRow> {
  return em.transactional(async (tx) => {
    await tx.upsert(AddOnEnforcement, input);
    return tx.findOneOrFail(AddOnEnforcement, { tenantId: input.tenantId, addOnKey: input.addOnKey }, { refresh: true });
  });
}
