import { defineEntity, p, type EntityManager, type InferEntity } from '@mikro-orm/core';

import { newId } from '../kernel/ids';
import type { AuditEntrySnapshot, AuditRecorded, IntegrationEvent } from '../kernel/integration-events';
import { enqueueEvents, newEvent } from './outbox';

/**
 * R35: one change of a licence, pool, subscription, partner access, purchase or invoice:
 * who (the token's `sub`), when, what, on which entity, and the entity before and after
 * (JSON). Every subgraph writes its own entries in the transaction of the change; the
 * tenant's whole log is kept by Subscriptions (owner of Tenant), fed by AuditRecorded.
 */
export const AuditEntry = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_entry',
  properties: {
    id: p.string().primary(),
    tenantId: p.string(),
    at: p.datetime(),
    // When it was written, by the server's clock; `at` is when it took effect (an
    // operator may backdate a change). Entries written before it was kept carry `at`.
    recordedAt: p.datetime(),
    actor: p.string(),
    action: p.string(),
    entityType: p.string(),
    entityId: p.string(),
    before: p.text().nullable(),
    after: p.text().nullable(),
  },
  // tenant.auditLog pages a tenant's entries newest first by id.
  indexes: [{ properties: ['tenantId', 'id'] }],
});
export type AuditEntryRow = InferEntity<typeof AuditEntry>;

export const AUDIT_ENTITIES = [AuditEntry];

/** A change to record, as commands describe it. */
export interface AuditChange {
  readonly tenantId: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

function snapshots(changes: readonly AuditChange[], actor: string, at: Date): AuditEntrySnapshot[] {
  // The wall clock, not the request's clock: what an auditor needs is when the change
  // was really made, whatever instant it was made to take effect at.
  const recordedAt = new Date().toISOString();
  return changes.map((change) => ({
    id: newId('aud', at),
    tenantId: change.tenantId,
    at: at.toISOString(),
    recordedAt,
    actor,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    before: change.before === undefined || change.before === null ? null : JSON.stringify(change.before),
    after: change.after === undefined || change.after === null ? null : JSON.stringify(change.after),
  }));
}

function persist(tx: EntityManager, entries: readonly AuditEntrySnapshot[]): void {
  for (const entry of entries) tx.persist(tx.create(AuditEntry, { ...entry, at: new Date(entry.at), recordedAt: new Date(entry.recordedAt ?? entry.at) }));
}

/**
 * Records changes in the caller's transaction: the entries are written here and sent to
 * the tenant's log in Subscriptions (AuditRecorded, through the outbox, same
 * transaction): a change that rolls back leaves no entry anywhere.
 */
export function recordAudit(tx: EntityManager, changes: readonly AuditChange[], actor: string, at: Date): void {
  if (changes.length === 0) return;
  const entries = snapshots(changes, actor, at);
  persist(tx, entries);
  enqueueEvents(tx, [newEvent<AuditRecorded>('AuditRecorded', { entries }, at)]);
}

/** Subscriptions' own changes: written straight into the tenant's log, in the caller's transaction. */
export function recordAuditInLog(tx: EntityManager, changes: readonly AuditChange[], actor: string, at: Date): void {
  if (changes.length > 0) persist(tx, snapshots(changes, actor, at));
}

/** Subscriptions: another subgraph's entries join the tenant's log (an entry already there is skipped). */
export async function applyToAuditLog(em: EntityManager, event: IntegrationEvent): Promise<void> {
  if (event.type !== 'AuditRecorded') return;
  const ids = event.payload.entries.map((e) => e.id);
  const present = new Set((await em.find(AuditEntry, { id: { $in: ids } }, { fields: ['id'] })).map((e) => e.id));
  persist(em, event.payload.entries.filter((e) => !present.has(e.id)));
}
