import { defineEntity, p, type EntityManager, type InferEntity } from '@mikro-orm/core';

import { newId } from '../kernel/ids';
import type { IntegrationEvent } from '../kernel/integration-events';
import { isUniqueViolation, type Orm } from './orm';
import { createLogger, type Logger } from '../../server/logger';

/** An event waiting to leave (or gone: publishedAt set). Written in the transaction of the change. */
export const OutboxMessage = defineEntity({
  name: 'OutboxMessage',
  tableName: 'outbox_message',
  properties: {
    id: p.string().primary(),
    type: p.string(),
    payload: p.text(),
    occurredAt: p.datetime(),
    publishedAt: p.datetime().nullable().index(),
  },
});
export type OutboxMessageRow = InferEntity<typeof OutboxMessage>;

/** An event this subgraph has applied; the primary key makes a second delivery a no-op. */
export const ProcessedEvent = defineEntity({
  name: 'ProcessedEvent',
  tableName: 'processed_event',
  properties: {
    id: p.string().primary(),
    type: p.string(),
    processedAt: p.datetime(),
  },
});

export const OUTBOX_ENTITIES = [OutboxMessage, ProcessedEvent];

/** Builds an event envelope with a fresh id. */
export function newEvent<E extends IntegrationEvent>(type: E['type'], payload: E['payload'], occurredAt: Date): E {
  return { id: newId('evt'), type, version: 1, occurredAt: occurredAt.toISOString(), payload } as E;
}

/** Adds events to the outbox in the caller's transaction: they leave only if it commits. */
export function enqueueEvents(em: EntityManager, events: readonly IntegrationEvent[]): void {
  for (const event of events) {
    em.persist(
      em.create(OutboxMessage, {
        id: event.id,
        type: event.type,
        payload: JSON.stringify(event),
        occurredAt: new Date(event.occurredAt),
        publishedAt: null,
      }),
    );
  }
}

export type EventHandler = (event: IntegrationEvent) => Promise<void>;

/**
 * Carries events from producers' relays to consumers, at least once to every consumer
 * (consumers apply an event once by its id). In-process in the embedded topology; NATS
 * JetStream (runtime/nats-event-bus.ts) when `NATS_URL` is set.
 */
export interface EventBus {
  /** Resolves once the event is safe: every consumer has applied it, or the broker holds it for them. */
  publish(event: IntegrationEvent): Promise<void>;
  /** Registers a durable consumer: it gets every event published from now on, and those it missed while down. */
  subscribe(consumer: string, handler: EventHandler): void | Promise<void>;
  /** The consumer is down: it stays registered, and what it misses waits for it. */
  unsubscribe(consumer: string): void | Promise<void>;
  close?(): Promise<void>;
}

/**
 * The embedded bus: `publish` hands the event to every consumer and resolves once each
 * has applied it, so in embedded mode a mutation's events are applied before its answer
 * leaves. A consumer that has subscribed once is durable: while it is down (unsubscribed)
 * or failing, `publish` throws, the relay keeps the row and tries again, and the
 * consumers that had applied it skip the repeat. Nothing is lost while a consumer is
 * stopped, and nothing is applied twice.
 */
export class InProcessEventBus implements EventBus {
  private readonly handlers = new Map<string, EventHandler | null>();

  constructor(private readonly logger: Logger = createLogger('events', 'info')) {}

  subscribe(consumer: string, handler: EventHandler): void {
    this.handlers.set(consumer, handler);
  }

  unsubscribe(consumer: string): void {
    if (this.handlers.has(consumer)) this.handlers.set(consumer, null);
  }

  async publish(event: IntegrationEvent): Promise<void> {
    const failures: unknown[] = [];
    for (const [consumer, handler] of this.handlers) {
      if (!handler) {
        failures.push(new Error(`${consumer} is down`));
        continue;
      }
      try {
        await handler(event);
      } catch (error) {
        failures.push(error);
        this.logger.error({ err: error, consumer, event: event.type, eventId: event.id }, 'events: a consumer failed on an event');
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, `${failures.length} consumer(s) have not applied ${event.type} ${event.id}`);
  }
}

/**
 * Moves committed outbox rows to the bus, oldest first, and marks them published.
 * A crash between publish and mark re-publishes on restart; consumers apply once.
 */
export class OutboxRelay {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly orm: Orm,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly batchSize = 200,
  ) {}

  /**
   * Delivers what is pending (rows left by a previous run, the start-up step's events)
   * and then polls for rows left behind by a failed publish; `deliver()` after each
   * mutation is the fast path. Resolves when the pending rows are delivered (or failed,
   * to be retried by the poll).
   */
  start(intervalMs = 1000): Promise<void> {
    if (!this.timer) {
      this.timer = setInterval(() => void this.deliver().catch(() => undefined), intervalMs);
      this.timer.unref();
    }
    return this.deliver().catch((e: unknown) => this.logger.error({ err: e }, 'outbox: delivery failed, will retry'));
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Delivers every pending row; concurrent calls share one run (and trigger one more pass). */
  deliver(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.deliverPending();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async deliverPending(): Promise<void> {
    const em = this.orm.em.fork();
    for (;;) {
      const rows = await em.find(OutboxMessage, { publishedAt: null }, { orderBy: { id: 'asc' }, limit: this.batchSize });
      if (rows.length === 0) return;
      // Published in order; marked together once the batch (or the part before a failure)
      // is out: one statement, not one transaction a row. A crash between publishing and
      // marking publishes again, which consumers apply once, as before.
      const published: string[] = [];
      try {
        for (const row of rows) {
          await this.bus.publish(JSON.parse(row.payload) as IntegrationEvent);
          published.push(row.id);
        }
      } finally {
        if (published.length > 0) await em.nativeUpdate(OutboxMessage, { id: { $in: published } }, { publishedAt: new Date() });
      }
    }
  }
}

/**
 * Thrown by a consumer for an event it cannot apply yet (it depends on another producer's
 * event that has not arrived): nothing is recorded, and the delivery is retried.
 */
export class EventNotReady extends Error {
  override readonly name = 'EventNotReady';
}

/**
 * Applies an event once: records its id and runs `apply` in one transaction. A repeat
 * (same id) is skipped; two deliveries racing are settled by the primary key.
 */
export async function consumeOnce(
  orm: Orm,
  event: IntegrationEvent,
  apply: (em: EntityManager) => Promise<void>,
): Promise<boolean> {
  try {
    return await orm.em.fork().transactional(async (em) => {
      const seen = await em.findOne(ProcessedEvent, { id: event.id });
      if (seen) return false;
      em.persist(em.create(ProcessedEvent, { id: event.id, type: event.type, processedAt: new Date() }));
      await apply(em);
      return true;
    });
  } catch (error) {
    // A racing delivery of the same event committed first: that is the once. Any other
    // unique violation is a real failure of `apply`, retried like any other.
    if (isUniqueViolation(error) && (await orm.em.fork().findOne(ProcessedEvent, { id: event.id }))) return false;
    throw error;
  }
}
