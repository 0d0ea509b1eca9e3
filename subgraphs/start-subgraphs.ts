import type { SubgraphName } from '../schema/sdl';
import { SUBGRAPH_MODULES } from './registry';
import type { Logger } from '../server/logger';
import type { DatabaseTarget } from './runtime/orm';
import type { EventBus } from './runtime/outbox';
import type { Clock } from './runtime/request-context';
import { startSubgraph, type StartedSubgraph } from './runtime/start-subgraph';

export interface StartSubgraphsOptions {
  readonly targetFor: (name: SubgraphName) => DatabaseTarget;
  readonly bus: EventBus;
  readonly gatewaySecret: string;
  readonly clock: Clock;
  /** 'default': each module's port; 0: any free port (tests). */
  readonly ports: 'default' | 0;
  readonly host?: string;
  readonly onQuery?: (name: SubgraphName, sql: string) => void;
  /** The log each subgraph writes to (as a child with its name). */
  readonly logger: Logger;
}

export interface StartedSubgraphs {
  readonly subgraphs: readonly StartedSubgraph[];
  readonly urls: Readonly<Record<SubgraphName, string>>;
  stop(): Promise<void>;
  /** Stops one subgraph (server, consumer, relay, database connection); the others keep serving. */
  stopOne(name: SubgraphName): Promise<void>;
  /** Starts a stopped subgraph again on its port, over the same database: it catches up on the events it missed. */
  startOne(name: SubgraphName): Promise<void>;
}

/** Starts every subgraph of the registry in this process (embedded mode and tests), each on its own port. */
export async function startSubgraphs(options: StartSubgraphsOptions): Promise<StartedSubgraphs> {
  const started: StartedSubgraph[] = [];
  const stop = async () => {
    // Every subgraph finishes its requests while every consumer still listens, every relay
    // then stops (what is left in an outbox waits for the next start), then each subgraph.
    await Promise.all(started.map((subgraph) => subgraph.stopServing()));
    await Promise.all(started.map((subgraph) => subgraph.relay.stop()));
    for (const subgraph of [...started].reverse()) await subgraph.stop();
  };
  const start = (module: (typeof SUBGRAPH_MODULES)[number], port: number) =>
    startSubgraph({
      module,
      target: options.targetFor(module.name),
      bus: options.bus,
      gatewaySecret: options.gatewaySecret,
      clock: options.clock,
      logger: options.logger.child({ subgraph: module.name }),
      port,
      ...(options.host ? { host: options.host } : {}),
      ...(options.onQuery ? { onQuery: (sql: string) => options.onQuery!(module.name, sql) } : {}),
    });
  try {
    for (const module of SUBGRAPH_MODULES) started.push(await start(module, options.ports === 'default' ? module.defaultPort : 0));
  } catch (error) {
    await stop();
    throw error;
  }
  // Every consumer is on the bus now: the relays may publish. Ready means caught up, so
  // the first request after start-up already sees the seed catalog in every subgraph.
  await Promise.all(started.map((subgraph) => subgraph.relay.start()));
  const urls = Object.fromEntries(started.map((s) => [s.name, s.url])) as Record<SubgraphName, string>;
  const indexOf = (name: SubgraphName) => started.findIndex((s) => s.name === name);
  return {
    subgraphs: started,
    urls,
    stop,
    stopOne: async (name) => {
      await started[indexOf(name)]!.stop();
    },
    startOne: async (name) => {
      const index = indexOf(name);
      const module = SUBGRAPH_MODULES.find((m) => m.name === name)!;
      const restarted = await start(module, Number(new URL(urls[name]).port));
      started[index] = restarted;
      await restarted.relay.start();
    },
  };
}
