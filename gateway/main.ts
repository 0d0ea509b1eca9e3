/**
 * The gateway process: config → (embedded subgraphs) → gateway → listen. The only
 * gateway file with side effects. With no subgraph URLs configured it starts the four
 * subgraphs in this process on their own ports (embedded mode: `npm start`).
 */
import { SUBGRAPH_NAMES } from '../schema/sdl';
import { databaseTargetFromEnv } from '../subgraphs/runtime/orm';
import { natsBusFromEnv } from '../subgraphs/runtime/nats-event-bus';
import { InProcessEventBus, type EventBus } from '../subgraphs/runtime/outbox';
import { systemClock } from '../subgraphs/runtime/request-context';
import { startSubgraphs, type StartedSubgraphs } from '../subgraphs/start-subgraphs';
import { ConfigError, loadGatewayConfig } from './config';
import { createGatewayServer } from './gateway-server';

async function main(): Promise<void> {
  const startedAt = process.hrtime.bigint();
  const config = loadGatewayConfig();
  if (config.auth.usingDevSecret) {
    console.warn('auth: AUTH_JWT_SECRET is not set; using the development secret "dev-secret-change-me" (never in production)');
  }

  let embedded: StartedSubgraphs | null = null;
  let bus: EventBus | null = null;
  let urls = config.subgraphUrls;
  if (!urls) {
    // NATS_URL: events travel through JetStream even in one process; otherwise in memory.
    bus = (await natsBusFromEnv(process.env)) ?? new InProcessEventBus();
    embedded = await startSubgraphs({
      targetFor: (name) => databaseTargetFromEnv(name),
      bus,
      gatewaySecret: config.gatewaySecret,
      clock: systemClock,
      ports: config.embeddedPorts,
    });
    urls = embedded.urls;
    console.log(`embedded subgraphs: ${SUBGRAPH_NAMES.map((name) => `${name} ${urls![name]}`).join(', ')}`);
  }

  const gateway = await createGatewayServer(config, urls);
  const url = await gateway.listen(config.port, config.host);
  const ms = Number((process.hrtime.bigint() - startedAt) / 1_000_000n);
  console.log(`licensing graph ready at ${url} in ${ms} ms`);
  console.log('get a development token: npm run token -- --scope "licensing:provision"');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining connections and stopping`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await gateway.stop();
    await embedded?.stop();
    await bus?.close?.();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `config: ${error.message}` : error);
  process.exit(1);
});
