import type { EntityManager } from '@mikro-orm/core';

import type { CatalogAddOn } from '../../kernel/catalog-model';
import { isSeatCovered } from '../../kernel/pool-capacity';
import { recordAudit, type AuditChange } from '../../runtime/audit';
import { readRows } from '../../runtime/read-rows';
import { lapsesOverTime, type HolderSpan } from '../domain/capacity';
import { activeKeyOf, Assignment, type AssignmentRow } from '../entities/assignment.entity';
import { capacityAt, takesCoverAt, type PoolFacts } from '../domain/pool-state';
import { readPoolFacts } from '../queries/pool-facts';
import type { MappingFact } from '../domain/user-mapping';
import { announcePool, readMappings } from './command-pool';

/**
 * R36: keeps a pool from ever holding more assignments than licences, from `from` on.
 *
 * Every instant at which the pool can change from then on (a term's start or end, an
 * assignment, a purchase, a mapping) is walked in order; at each, the assignments beyond
 * what the pool holds end there, newest first ({@link lapsesOverTime}). An end ahead of
 * `now` is scheduled (`ending` LICENCES_ENDED; the user holds the licence until then) and
 * is worked out again by the next reconciliation, so a renewal before then cancels it;
 * one at or before `now` stands, unless a change backdated before it says otherwise.
 * Every end set, moved or cancelled is audited (R35).
 * Runs in the caller's transaction, after the change, under the pool's lock.
 * Answers whether anything changed (the caller then announces the pool).
 */
export async function reconcilePool(tx: EntityManager, input: ReconcileInput): Promise<boolean> {
  const { tenantId, addOn, now, actor } = input;
  const horizon = new Date(Math.min(input.from.getTime(), now.getTime()));
  // Plain rows (a pool may have thousands of holders); only the rows whose end changes are written.
  const [rows, facts] = await Promise.all([
    // Held at the walk's first instant, or ended by the licences exactly then (a renewal continuing a term that ended then).
    readRows(tx, Assignment, { tenantId, addOnKey: addOn.key, $or: [{ unassignedAt: null }, { unassignedAt: { $gte: horizon } }] }),
    readPoolFacts(tx, tenantId, addOn, null),
  ]);
  if (rows.length === 0) return false;
  const coverMatters = isSeatCovered(addOn.key);
  const mappings = coverMatters ? await readMappings(tx, tenantId) : new Map<string, readonly MappingFact[]>();
  const scheduled = scheduledEnds(rows, horizon);
  const spans: HolderSpan[] = rows.map((row) => ({ id: row.id, userId: row.userId, assignedAt: row.assignedAt, endsAt: scheduled(row) ? null : (row.unassignedAt ?? null) }));
  const lapses = lapsesOverTime({
    holders: spans,
    instants: walkInstants(horizon, facts, mappings),
    capacityAt: (at) => capacityAt(addOn, facts, at),
    coveredAt: (userId, at) => takesCoverAt(addOn, facts, mappings.get(userId) ?? [], at),
    coverMatters,
  });
  const { ending, audits } = await settleHolders(tx, rows, lapses, scheduled, input);
  await writeEnds(tx, rows, ending, input);
  if (audits.length === 0) return false;
  // One entry per assignment, one AuditRecorded per instant (10,000 ends at a term's end are one event).
  const byInstant = new Map<number, AuditChange[]>();
  for (const { at, ...audit } of audits) byInstant.set(at.getTime(), [...(byInstant.get(at.getTime()) ?? []), audit]);
  for (const [t, changes] of byInstant) recordAudit(tx, changes, actor, new Date(t));
  await announcePool(tx, tenantId, addOn.key, now);
  return true;
}

interface ReconcileInput {
  readonly tenantId: string;
  readonly addOn: Pick<CatalogAddOn, 'key'>;
  readonly from: Date;
  readonly now: Date;
  readonly actor: string;
}

/**
 * Which rows carry an end the walk works out again: ends from the walk's first instant
 * on, set because the licences ended, on a user's latest assignment (ahead of now they
 * are only scheduled; behind it, a backdated change rewrites what happened from then
 * on). A user assigned again after an end holds the add-on through the newer
 * assignment: the older one's end stands, whatever the walk finds (one span per user and
 * add-on).
 */
function scheduledEnds(rows: readonly AssignmentRow[], horizon: Date): (row: AssignmentRow) => boolean {
  const latest = new Map<string, AssignmentRow>();
  for (const row of rows) {
    const seen = latest.get(row.userId);
    if (!seen || row.assignedAt.getTime() > seen.assignedAt.getTime() || (row.assignedAt.getTime() === seen.assignedAt.getTime() && row.id > seen.id)) latest.set(row.userId, row);
  }
  return (row) => row.ending === 'LICENCES_ENDED' && row.unassignedAt != null && row.unassignedAt.getTime() >= horizon.getTime() && latest.get(row.userId) === row;
}

/** Every instant from the horizon on at which the pool can change: a term's start or end, a purchase, a mapping. */
function walkInstants(horizon: Date, facts: PoolFacts, mappings: ReadonlyMap<string, readonly MappingFact[]>): Date[] {
  return [
    horizon,
    ...facts.subscriptions.flatMap((s) => s.terms.flatMap((term) => [term.startsAt, term.endsAt])),
    ...facts.purchases.map((p) => p.at),
    ...[...mappings.values()].flat().map((m) => m.from),
  ].filter((d) => d.getTime() >= horizon.getTime());
}

/**
 * What the walk decided, holder by holder: the ends to set (by instant) with their
 * audits, and the scheduled ends no longer needed (a renewal, a purchase, a freed
 * licence), cancelled here unless the user holds the add-on again through a later
 * assignment.
 */
async function settleHolders(
  tx: EntityManager,
  rows: readonly AssignmentRow[],
  lapses: ReadonlyMap<string, Date>,
  scheduled: (row: AssignmentRow) => boolean,
  { tenantId, addOn, now }: ReconcileInput,
): Promise<{ ending: Map<number, string[]>; audits: (AuditChange & { at: Date })[] }> {
  const audits: (AuditChange & { at: Date })[] = [];
  const ending = new Map<number, string[]>();
  for (const row of rows) {
    const lapse = lapses.get(row.id);
    if (lapse) {
      if (row.ending === 'LICENCES_ENDED' && row.unassignedAt?.getTime() === lapse.getTime()) continue;
      ending.set(lapse.getTime(), [...(ending.get(lapse.getTime()) ?? []), row.id]);
      audits.push({ tenantId, action: 'licence.ended', entityType: 'Assignment', entityId: row.id, after: { userId: row.userId, addOnKey: addOn.key, endsAt: lapse.toISOString(), reason: 'the licences behind it end (R36)' }, at: lapse });
    } else if (scheduled(row)) {
      const key = activeKeyOf(row.userId, addOn.key);
      if (row.activeKey == null && (await tx.count(Assignment, { activeKey: key })) > 0) continue;
      await tx.nativeUpdate(Assignment, { id: row.id }, { unassignedAt: null, ending: null, activeKey: key });
      audits.push({ tenantId, action: 'licence.end_cancelled', entityType: 'Assignment', entityId: row.id, before: { endsAt: row.unassignedAt!.toISOString() }, after: { userId: row.userId, addOnKey: addOn.key }, at: now });
    }
  }
  return { ending, audits };
}

/**
 * Writes the ends, 500 rows a statement. An end at or before now releases the user's
 * active key; one moved ahead of now (a backdated change) lets the user hold the licence
 * again until then, so the key its passed end had released comes back.
 */
async function writeEnds(tx: EntityManager, rows: readonly AssignmentRow[], ending: ReadonlyMap<number, string[]>, { addOn, now }: ReconcileInput): Promise<void> {
  for (const [t, ids] of ending) {
    const at = new Date(t);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await tx.nativeUpdate(Assignment, { id: { $in: chunk } }, { unassignedAt: at, ending: 'LICENCES_ENDED', ...(t <= now.getTime() ? { activeKey: null } : {}) });
    }
    if (t <= now.getTime()) continue;
    const moved = new Set(ids);
    for (const row of rows) {
      if (moved.has(row.id) && row.activeKey == null) await tx.nativeUpdate(Assignment, { id: row.id }, { activeKey: activeKeyOf(row.userId, addOn.key) });
    }
  }
}
