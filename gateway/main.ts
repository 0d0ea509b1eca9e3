/**
 * The gateway process: config → (embedded subgraphs) → gateway → listen. The only
 * gateway file with side effects. With no subgraph URLs configured it starts the four
 * subgraphs in this process on their own ports (embedded mode: `npm start`). With
 * `GATEWAY_WORKERS=n` the gateway itself runs in n worker processes sharing the port,
 * and this process keeps the rest (the embedded subgraphs, if any).
 */
import cluster from 'node:cluster';

import { Registry } from 'prom-client';

import { SUBGRAPH_NAMES } from '../schema/sdl';
import { databaseTarget } from '../subgraphs/runtime/orm';
import { NatsEventBus } from '../subgraphs/runtime/nats-event-bus';
import { InProcessEventBus, type EventBus } from '../subgraphs/runtime/outbox';
import { systemClock } from '../subgraphs/runtime/request-context';
import { startSubgraphs, type StartedSubgraphs } from '../subgraphs/start-subgraphs';
import { ConfigError, loadGatewayConfig, type GatewayConfig } from './config';
import { createGatewayServer, type GatewayServer } from './gateway-server';
import { reportWorkerReady, shareMetricsWithPrimary, startGatewayWorkers, type GatewayWorkers } from './gateway-workers';
import { serveMetrics, type MetricsServer } from './metrics-server';
import { createLogger, lifecycleLog } from '../server/logger';
import { onTermination, runMain } from '../server/process-lifecycle';
import { startTracing } from '../server/telemetry';

async function main(): Promise<void> {
  const startedAt = process.hrtime.bigint();
  const config = loadGatewayConfig();
  if (cluster.isWorker) return serveWorker(config);
  const logger = lifecycleLog(createLogger('gateway', config.telemetry.logLevel));
  const tracing = startTracing('gateway', config.telemetry);
  if (config.auth.usingDevSecret) {
    logger.warn('auth: AUTH_JWT_SECRET is not set; using the development secret "dev-secret-change-me" (never in production)');
  }

  let embedded: StartedSubgraphs | null = null;
  let bus: EventBus | null = null;
  let urls = config.subgraphUrls;
  if (!urls) {
    // NATS_URL: events travel through JetStream even in one process; otherwise in memory.
    const eventsLog = createLogger('events', config.telemetry.logLevel);
    bus = config.nats ? await NatsEventBus.connect({ ...config.nats, logger: eventsLog }) : new InProcessEventBus(eventsLog);
    embedded = await startSubgraphs({
      targetFor: (name) => databaseTarget(config.database, name),
      bus,
      gatewaySecret: config.gatewaySecret,
      clock: systemClock,
      ports: config.embeddedPorts,
      logger: createLogger('subgraphs', config.telemetry.logLevel),
    });
    urls = embedded.urls;
    logger.info({ subgraphs: urls }, 'embedded subgraphs ready');
  }

  let gateway: GatewayServer | null = null;
  let workers: GatewayWorkers | null = null;
  let url: string;
  let metrics: MetricsServer;
  if (config.gatewayWorkers > 0) {
    const urlEnv = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, urls![name]]));
    workers = await startGatewayWorkers(config.gatewayWorkers, urlEnv, logger);
    url = workers.url;
    logger.info({ pids: workers.pids() }, 'gateway workers ready');
    metrics = await serveMetrics(config.metricsPort, config.host, workers.renderMetrics, Registry.PROMETHEUS_CONTENT_TYPE);
  } else {
    const server = (gateway = await createGatewayServer(config, urls));
    url = await server.listen(config.port, config.host);
    metrics = await serveMetrics(config.metricsPort, config.host, () => server.metrics.registry.metrics(), server.metrics.registry.contentType);
  }
  const ms = Number((process.hrtime.bigint() - startedAt) / 1_000_000n);
  logger.info({ url, metrics: metrics.url, ms }, 'licensing graph ready');
  if (!config.production) logger.info('get a development token: npm run token -- --scope "licensing:provision"');

  onTermination(
    async () => {
      await metrics.stop();
      await workers?.stop();
      await gateway?.stop();
      await embedded?.stop();
      await bus?.close?.();
      await tracing?.shutdown();
    },
    (signal) => logger.info({ signal }, 'draining connections and stopping'),
  );
}

/** A gateway worker: the subgraph URLs come from the primary; it reports when it listens. */
async function serveWorker(config: GatewayConfig): Promise<void> {
  if (!config.subgraphUrls) throw new ConfigError('a gateway worker needs the subgraph URLs');
  const tracing = startTracing('gateway', config.telemetry);
  const gateway = await createGatewayServer(config, config.subgraphUrls);
  shareMetricsWithPrimary(gateway.metrics.registry);
  reportWorkerReady(await gateway.listen(config.port, config.host));
  // The primary says it is stopping; each worker drains quietly.
  onTermination(async () => {
    await gateway.stop();
    await tracing?.shutdown();
  });
}

runMain(main);
