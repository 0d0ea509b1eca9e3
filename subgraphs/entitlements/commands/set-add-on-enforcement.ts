import type { EntityManager } from '@mikro-orm/core';

import { AddOnEnforcement, type AddOnEnforcementRow } from '../entities/add-on-enforcement.entity';
import { recordAudit } from '../../runtime/audit';

/** R20: sets (or moves) the date from which only licensed users of the tenant have access. */
export async function setAddOnEnforcement(
  em: EntityManager,
  input: { tenantId: string; addOnKey: string; enforcedFrom: Date },
  actor: string,
  at: Date,
): Promise<AddOnEnforcementRow> {
  return em.transactional(async (tx) => {
    const before = await tx.findOne(AddOnEnforcement, { tenantId: input.tenantId, addOnKey: input.addOnKey });
    recordAudit(
      tx,
      [{ tenantId: input.tenantId, action: 'enforcement.set', entityType: 'AddOnEnforcement', entityId: input.addOnKey, before: before ? { enforcedFrom: before.enforcedFrom } : null, after: { enforcedFrom: input.enforcedFrom } }],
      actor,
      at,
    );
    await tx.upsert(AddOnEnforcement, input);
    return tx.findOneOrFail(AddOnEnforcement, { tenantId: input.tenantId, addOnKey: input.addOnKey }, { refresh: true });
  });
}
