import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

import { DomainError } from '../../kernel/domain-error';
import { newId } from '../../kernel/ids';
import { AgentSession, type AgentSessionRow } from '../entities/agent-session.entity';
import type { UserRow } from '../entities/user.entity';
import { recordEndedExcess } from './record-ended-excess';

/** R22: opens the user's concurrent-licence session at `at`; one open session per user. */
export async function agentLogin(em: EntityManager, user: UserRow, at: Date): Promise<AgentSessionRow> {
  return em.transactional(async (tx) => {
    if (await tx.findOne(AgentSession, { openKey: user.id })) {
      throw new DomainError('BAD_USER_INPUT', 'the user is logged in already; log out first');
    }
    const session = tx.create(AgentSession, {
      id: newId('ses', at),
      tenantId: user.tenantId,
      userId: user.id,
      startedAtMs: at.getTime(),
      endedAtMs: null,
      openKey: user.id,
    });
    tx.persist(session);
    return session;
  });
}

/**
 * R22: closes the user's open session at `at`; refused without one, or before it started.
 * A logout that ends a billable stretch above the seats records it for Invoicing (R23).
 */
export async function agentLogout(em: SqlEntityManager, user: UserRow, at: Date): Promise<AgentSessionRow> {
  return em.transactional(async (tx) => {
    const session = await tx.findOne(AgentSession, { openKey: user.id });
    if (!session) throw new DomainError('BAD_USER_INPUT', 'the user is not logged in');
    if (at.getTime() < session.startedAtMs) {
      throw new DomainError('BAD_USER_INPUT', 'a logout cannot be before its login');
    }
    session.endedAtMs = at.getTime();
    session.openKey = null;
    await recordEndedExcess(tx, user.tenantId, at.getTime());
    return session;
  });
}
