import type { SqlEntityManager } from '@mikro-orm/knex';

import type { ConcurrencyOverageRecorded, SubscriptionSnapshot } from '../../kernel/integration-events';
import { termAt } from '../../kernel/subscription-terms';
import type { UsageType } from '../../kernel/usage-types';
import { enqueueEvents, newEvent } from '../../runtime/outbox';
import { SubscriptionReplica } from '../../runtime/subscription-replica';
import { fromSnapshot, type ReplicatedSubscription } from '../../kernel/replicated-subscription';
import { analyseConcurrency, concurrentSeats } from '../domain/concurrency-grace';
import { AgentSession } from '../entities/agent-session.entity';
import { readSessionBounds } from '../loaders';
import { lockTenantSessions } from './lock-pool';

/** How far back a stretch that just ended is looked for: a stretch longer than this is billed from this far back. */
export const EXCESS_LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * R23, R29: after a logout at `t`, in its transaction. When it brings the concurrency
 * from above the seats back to the seats or below, the stretch above them has ended;
 * if it lasted more than 30 minutes it is billable at its peak excess, and Invoicing is
 * told (ConcurrencyOverageRecorded). Two counts from the covering index on every logout;
 * the sweep over the sessions only when a stretch has just ended.
 */
export async function recordEndedExcess(tx: SqlEntityManager, tenantId: string, t: number): Promise<void> {
  const subscriptions = (await tx.find(SubscriptionReplica, { tenantId })).map((row) => fromSnapshot(JSON.parse(row.document) as SubscriptionSnapshot));
  const seats = concurrentSeats(subscriptions, t, t + 1);
  if (seats === 0) return;
  await lockTenantSessions(tx, tenantId);
  await tx.flush();
  const openAfter = await tx.count(AgentSession, { tenantId, startedAtMs: { $lte: t }, $or: [{ endedAtMs: null }, { endedAtMs: { $gt: t } }] });
  if (openAfter > seats) return;
  const openBefore = await tx.count(AgentSession, { tenantId, startedAtMs: { $lt: t }, $or: [{ endedAtMs: null }, { endedAtMs: { $gte: t } }] });
  if (openBefore <= seats) return;
  const from = t - EXCESS_LOOKBACK_MS;
  const report = analyseConcurrency({ sessions: await readSessionBounds(tx, tenantId, from, t + 1), from, to: t + 1, seats });
  const stretch = report.billableExcess.find((s) => s.to.getTime() === t);
  if (!stretch) return;
  enqueueEvents(tx, [
    newEvent<ConcurrencyOverageRecorded>(
      'ConcurrencyOverageRecorded',
      {
        stretchId: `${tenantId}/${stretch.from.toISOString()}`,
        tenantId,
        usageType: concurrentSeatType(subscriptions, new Date(t - 1)),
        from: stretch.from.toISOString(),
        to: stretch.to.toISOString(),
        excess: stretch.seats,
      },
      new Date(t),
    ),
  ]);
}

/** The agent type most of the concurrent seats at `at` are of (AGENT_STANDARD on a tie). */
function concurrentSeatType(subscriptions: readonly ReplicatedSubscription[], at: Date): UsageType {
  let standard = 0;
  let premium = 0;
  for (const subscription of subscriptions) {
    if (subscription.licensingModel !== 'CONCURRENT') continue;
    for (const item of termAt(subscription.terms, at)?.items ?? []) {
      if (item.usageType === 'AGENT_STANDARD') standard += item.quantity;
      if (item.usageType === 'AGENT_PREMIUM') premium += item.quantity;
    }
  }
  return premium > standard ? 'AGENT_PREMIUM' : 'AGENT_STANDARD';
}
