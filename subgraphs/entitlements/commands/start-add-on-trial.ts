import type { EntityManager } from '@mikro-orm/core';

import { newId } from '../../kernel/ids';
import { assertNewTrial } from '../domain/trial';
import { AddOnTrial, type AddOnTrialRow } from '../entities/add-on-trial.entity';
import { recordAudit } from '../../runtime/audit';

/** R19: starts a trial of an add-on for the whole tenant, [at, endsAt). */
export async function startAddOnTrial(
  em: EntityManager,
  input: { tenantId: string; addOnKey: string; endsAt: Date; actor: string },
  at: Date,
): Promise<AddOnTrialRow> {
  return em.transactional(async (tx) => {
    const existing = await tx.find(AddOnTrial, { tenantId: input.tenantId, addOnKey: input.addOnKey });
    assertNewTrial(existing, { startsAt: at, endsAt: input.endsAt });
    const trial = tx.create(AddOnTrial, {
      id: newId('trl', at),
      tenantId: input.tenantId,
      addOnKey: input.addOnKey,
      startsAt: at,
      endsAt: input.endsAt,
      startedBy: input.actor,
    });
    tx.persist(trial);
    recordAudit(tx, [{ tenantId: input.tenantId, action: 'trial.started', entityType: 'AddOnTrial', entityId: trial.id, after: { addOnKey: input.addOnKey, startsAt: at, endsAt: input.endsAt } }], input.actor, at);
    return trial;
  });
}
