import {
  AckPolicy,
  connect,
  DeliverPolicy,
  JSONCodec,
  nanos,
  RetentionPolicy,
  StorageType,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
} from 'nats';

import type { IntegrationEvent } from '../kernel/integration-events';
import { createLogger, type Logger } from '../../server/logger';
import type { EventBus, EventHandler } from './outbox';

export interface NatsEventBusOptions {
  readonly url: string;
  /** JetStream stream holding the events; one per deployment (tests use one per graph). */
  readonly stream?: string;
  /** Subjects are `<prefix>.<event type>`. */
  readonly subjectPrefix?: string;
  /** How long `publish` waits for the live consumers to apply an event before it trusts the stream to deliver it later. */
  readonly settleTimeoutMs?: number;
  /** Where consumer failures are logged. */
  readonly logger?: Logger;
}

const codec = JSONCodec<IntegrationEvent>();

/**
 * A consumer that has held a message this long without acknowledging it is not keeping
 * up (an event applies in milliseconds): its process is dead or hung. Publishers stop
 * waiting for it; JetStream redelivers the message when it is back.
 */
const STALLED_AFTER_MS = 300;

/**
 * The distributed bus: NATS JetStream. A relay's publish is stored in a file-backed
 * stream with the event id as `Nats-Msg-Id`, so a relay that re-publishes after a crash
 * (published, not yet marked) is de-duplicated by the broker too. Each consumer is a
 * durable pull consumer named after its subgraph, applying one event at a time in order
 * (max_ack_pending 1) and acking after its transaction committed; a failure is nak'ed and
 * redelivered. A consumer that is down keeps its position: it catches up when back.
 *
 * `publish` then waits, briefly, until the consumers that are running have applied the
 * event, so a client that changes something and reads another subgraph right after sees
 * it, as in the embedded topology. A consumer that is down is not waited for.
 */
export class NatsEventBus implements EventBus {
  private readonly loops = new Map<string, { messages: ConsumerMessages; done: Promise<void> }>();

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly stream: string,
    private readonly subjectPrefix: string,
    private readonly settleTimeoutMs: number,
    private readonly logger: Logger,
  ) {}

  static async connect(options: NatsEventBusOptions): Promise<NatsEventBus> {
    const stream = options.stream ?? 'LICENSING_EVENTS';
    const subjectPrefix = options.subjectPrefix ?? 'licensing.events';
    const nc = await connect({ servers: options.url, name: `licensing-graph-${process.pid}` });
    const jsm = await nc.jetstreamManager();
    try {
      await jsm.streams.info(stream);
    } catch {
      await jsm.streams.add({
        name: stream,
        subjects: [`${subjectPrefix}.>`],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        duplicate_window: nanos(10 * 60 * 1000),
      });
    }
    return new NatsEventBus(nc, nc.jetstream(), jsm, stream, subjectPrefix, options.settleTimeoutMs ?? 2000, options.logger ?? createLogger('events', 'info'));
  }

  async publish(event: IntegrationEvent): Promise<void> {
    const ack = await this.js.publish(`${this.subjectPrefix}.${event.type}`, codec.encode(event), { msgID: event.id });
    await this.settle(ack.seq);
  }

  async subscribe(consumer: string, handler: EventHandler): Promise<void> {
    await this.unsubscribe(consumer);
    try {
      await this.jsm.consumers.info(this.stream, consumer);
    } catch {
      await this.jsm.consumers.add(this.stream, {
        durable_name: consumer,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        max_ack_pending: 1,
        ack_wait: nanos(30_000),
      });
    }
    const messages = await (await this.js.consumers.get(this.stream, consumer)).consume({ max_messages: 16 });
    // A message that fails is redelivered (after a second) until it applies: never
    // dropped, so a poison event holds its consumer back and says so in the log.
    const done = (async () => {
      for await (const message of messages) {
        try {
          await handler(codec.decode(message.data));
          message.ack();
        } catch (error) {
          this.logger.error({ err: error, consumer, delivery: message.info.redeliveryCount }, 'events: a consumer failed on a message, redelivering');
          message.nak(1000);
        }
      }
    })().catch((error: unknown) => this.logger.error({ err: error, consumer }, 'events: a consumer stopped consuming'));
    this.loops.set(consumer, { messages, done });
  }

  async unsubscribe(consumer: string): Promise<void> {
    const loop = this.loops.get(consumer);
    if (!loop) return;
    this.loops.delete(consumer);
    await loop.messages.close();
    await loop.done.catch(() => undefined);
  }

  /**
   * Waits until every running consumer of the stream has acknowledged `seq`, or the
   * timeout: in the topology a client reads its own writes in every subgraph. A consumer
   * that is not keeping up is never waited for, so a mutation's answer does not depend on
   * another subgraph being alive (issue 16: with Invoicing killed holding an event, every
   * mutation of the others waited the whole timeout for it, per event).
   */
  private async settle(seq: number): Promise<void> {
    const deadline = Date.now() + this.settleTimeoutMs;
    for (;;) {
      const pending: string[] = [];
      const now = Date.now();
      for await (const info of this.jsm.consumers.list(this.stream)) {
        const applied = info.ack_floor.stream_seq >= seq;
        // Not waited for: a pull consumer with no pull request waiting and nothing in
        // flight (its process is gone); one redelivering a failed message; one holding a
        // message longer than any event takes to apply (its process died or hangs with it).
        const inFlightSinceMs = info.num_ack_pending > 0 ? now - Date.parse(String(info.delivered.last_active ?? '')) : 0;
        const running = (info.num_waiting > 0 || info.num_ack_pending > 0) && info.num_redelivered === 0 && !(inFlightSinceMs > STALLED_AFTER_MS);
        if (!applied && running) pending.push(info.name);
      }
      if (pending.length === 0 || Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Stops the consumers and closes the connection; `deleteStream` removes the stream (tests). */
  async close(options: { deleteStream?: boolean } = {}): Promise<void> {
    for (const consumer of [...this.loops.keys()]) await this.unsubscribe(consumer);
    if (options.deleteStream) await this.jsm.streams.delete(this.stream).catch(() => undefined);
    await this.nc.drain();
  }
}
