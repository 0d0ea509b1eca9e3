import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * R22: a concurrent-licence session. Instants are epoch milliseconds: a concurrency
 * report reads up to millions of them, and integers come back from both drivers
 * without date parsing. `openKey` is the user id while the session is open and null
 * after: its unique index allows one open session per user.
 */
export const AgentSession = defineEntity({
  name: 'AgentSession',
  tableName: 'agent_session',
  properties: {
    id: p.string().primary(),
    tenantId: p.string(),
    userId: p.string(),
    startedAtMs: p.bigint('number'),
    endedAtMs: p.bigint('number').nullable(),
    openKey: p.string().nullable().unique(),
  },
  // Covering index: the concurrency report reads (start, end) of a tenant's sessions from the index alone.
  indexes: [{ properties: ['tenantId', 'startedAtMs', 'endedAtMs'] }],
});
export type AgentSessionRow = InferEntity<typeof AgentSession>;
