/**
 * One subgraph in its own process (the distributed topology: `npm run start:services`,
 * docker-compose): config → database (migrations applied) → NATS JetStream consumer →
 * serve → relay. The only subgraph file with side effects.
 *
 *   SUBGRAPH=catalog node --require ./ops/register-typescript.cjs subgraphs/main.ts     (or the name as argument)
 */
import { loadSubgraphConfig } from './config';
import { SUBGRAPH_MODULES } from './registry';
import { NatsEventBus } from './runtime/nats-event-bus';
import { databaseTarget } from './runtime/orm';
import { systemClock } from './runtime/request-context';
import { createLogger, lifecycleLog } from '../server/logger';
import { onTermination, runMain } from '../server/process-lifecycle';
import { startSubgraph } from './runtime/start-subgraph';
import { startTracing } from '../server/telemetry';

async function main(): Promise<void> {
  const startedAt = process.hrtime.bigint();
  const config = loadSubgraphConfig(process.env, process.argv[2]);
  const module = SUBGRAPH_MODULES.find((m) => m.name === config.name)!;
  const logger = createLogger(config.name, config.telemetry.logLevel);
  const lifecycle = lifecycleLog(logger);
  const tracing = startTracing(config.name, config.telemetry);
  const bus = await NatsEventBus.connect({ ...config.nats, logger });
  const subgraph = await startSubgraph({
    module,
    target: databaseTarget(config.database, config.name),
    bus,
    gatewaySecret: config.gatewaySecret,
    clock: systemClock,
    port: config.port,
    host: config.host,
    maxBodyBytes: config.maxBodyBytes,
    logger,
  }).catch(async (error: unknown) => {
    await bus.close();
    throw error;
  });
  // What this subgraph's outbox holds (from before a crash, or the start-up step's events) leaves now.
  await subgraph.relay.start();
  const ms = Number((process.hrtime.bigint() - startedAt) / 1_000_000n);
  lifecycle.info({ url: subgraph.url, ms }, 'subgraph ready');

  onTermination(
    async () => {
      await subgraph.stopServing();
      await subgraph.stop();
      await bus.close();
      await tracing?.shutdown();
    },
    (signal) => lifecycle.info({ signal }, 'finishing requests and stopping'),
  );
}

runMain(main);
