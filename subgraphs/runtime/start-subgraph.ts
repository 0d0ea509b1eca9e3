import type { IntegrationEvent } from '../kernel/integration-events';
import type { Logger } from '../../server/logger';
import { createOrm, type DatabaseTarget, type Orm } from './orm';
import { OutboxRelay, type EventBus } from './outbox';
import type { Clock } from './request-context';
import { serveSubgraph, type RunningSubgraph } from './serve-subgraph';
import type { SubgraphModule } from './subgraph-module';

export interface StartSubgraphOptions {
  readonly module: SubgraphModule;
  readonly target: DatabaseTarget;
  readonly bus: EventBus;
  readonly gatewaySecret: string;
  readonly clock: Clock;
  readonly port: number;
  readonly host?: string;
  /** The subgraph's log. */
  readonly logger: Logger;
  /** Larger request bodies get 413 before parsing (default 2 MB). */
  readonly maxBodyBytes?: number;
  readonly onQuery?: (sql: string) => void;
}

export interface StartedSubgraph extends RunningSubgraph {
  readonly orm: Orm;
  readonly relay: OutboxRelay;
  /**
   * Stops taking requests and waits for those in flight, leaving the consumer and the
   * relay running: stopping the graph does this for every subgraph first, so the
   * mutations still in flight deliver their events to consumers that are still there.
   */
  stopServing(): Promise<void>;
}

/**
 * Opens a subgraph's database (migrations applied), runs its start-up step, subscribes
 * its event consumer to the bus, and serves it. The relay is left to the caller to
 * start (`relay.start()`) once every consumer on the bus is subscribed, so no event is
 * published to a bus that has nobody to give it to yet.
 */
export async function startSubgraph(options: StartSubgraphOptions): Promise<StartedSubgraph> {
  const { module, bus } = options;
  const orm = await createOrm({
    name: module.name,
    target: options.target,
    entities: module.entities,
    migrations: module.migrations,
    ...(options.onQuery ? { onQuery: options.onQuery } : {}),
    log: options.logger,
  });
  try {
    await module.onStart?.(orm, options.clock());
    const relay = new OutboxRelay(orm, bus, options.logger);
    const consume = module.consume;
    // What applying a new event enqueued (audit entries, announcements) leaves with the
    // relay's next run, started here rather than at its next poll; not awaited, so a
    // consumer never waits for the other consumers of its own events. A repeat applies
    // nothing and starts nothing, so two relays retrying for a consumer that is down do
    // not keep starting each other.
    if (consume) await bus.subscribe(module.name, async (event: IntegrationEvent) => {
      if (await consume(orm, event, options.clock())) void relay.deliver().catch(() => undefined);
    });
    const running = await serveSubgraph(module.build({ orm, relay }), {
      gatewaySecret: options.gatewaySecret,
      logger: options.logger,
      clock: options.clock,
      port: options.port,
      ...(options.host ? { host: options.host } : {}),
      ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    });
    let stopped: Promise<void> | null = null;
    return {
      ...running,
      orm,
      relay,
      stopServing: () => running.stop(),
      stop: () =>
        (stopped ??= (async () => {
          await running.stop();
          if (consume) await bus.unsubscribe(module.name);
          await relay.stop();
          await orm.close(true);
        })()),
    };
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}
