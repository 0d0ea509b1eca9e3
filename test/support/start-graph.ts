import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadGatewayConfig } from '../../gateway/config';
import { createGatewayServer, type GatewayServer } from '../../gateway/gateway-server';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../schema/sdl';
import type { DatabaseTarget } from '../../subgraphs/runtime/orm';
import { NatsEventBus } from '../../subgraphs/runtime/nats-event-bus';
import { createLogger, type Logger } from '../../server/logger';
import { InProcessEventBus, type EventBus } from '../../subgraphs/runtime/outbox';
import type { TelemetrySettings } from '../../server/settings';
import { systemClock, type Clock } from '../../subgraphs/runtime/request-context';
import { startSubgraphs, type StartedSubgraphs } from '../../subgraphs/start-subgraphs';
import { SqlLog } from './sql-log';
import { dropTestSchemas, whileNoSchemaIsDropped } from './test-schemas';
import { tokenFor, type TokenClaims } from './tokens';

export const TEST_GATEWAY_SECRET = 'test-gateway-secret-of-at-least-32-bytes';

export interface GraphResponse<T = any> {
  readonly status: number;
  readonly body: { data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[] };
}

export interface TestGraph {
  /** The gateway's GraphQL URL. */
  readonly url: string;
  readonly subgraphs: StartedSubgraphs;
  /** The bus the subgraphs' events travel on: in memory, or JetStream when NATS_URL is set. */
  readonly bus: EventBus;
  readonly sql: SqlLog;
  /** What the gateway's metrics port would serve (the in-process gateway serves no metrics port of its own). */
  gatewayMetrics(): Promise<string>;
  /** POSTs an operation to the gateway with a token for these claims (or a raw token string). */
  query<T = any>(query: string, variables?: Record<string, unknown>, as?: TokenClaims | string): Promise<GraphResponse<T>>;
  /** Like `query`, but fails the test on any error and returns `data`. */
  ok<T = any>(query: string, variables?: Record<string, unknown>, as?: TokenClaims | string): Promise<T>;
  /** The first error's code of a response that must fail. */
  errorCode(query: string, variables?: Record<string, unknown>, as?: TokenClaims | string): Promise<string | undefined>;
  stop(): Promise<void>;
}

export const OPERATOR: TokenClaims = { scope: 'licensing:provision', sub: 'operator-1' };

let graphs = 0;

/**
 * The real graph for a test: four subgraphs and the gateway in this process, each on
 * a free port, talking HTTP, over fresh databases with the committed migrations
 * applied: SQLite files in a scratch directory, or fresh PostgreSQL schemas when
 * DATABASE_URL is set.
 * The shape of apollographql/federation's startSubgraphsAndGateway, with one stop().
 */
export async function startGraph(
  options: {
    clock?: Clock;
    gatewayEnv?: NodeJS.ProcessEnv;
    bus?: (bus: EventBus) => EventBus;
    sqliteDirectory?: string;
    /** false: no SQL is recorded in `sql` (benchmarks: the ORM's query log costs time on every statement). */
    recordSql?: boolean;
    /** Where the gateway looks for the subgraphs (e.g. one replaced by a server that never answers). */
    subgraphUrls?: (urls: Readonly<Record<SubgraphName, string>>) => Record<SubgraphName, string>;
    /** Where the gateway logs (a test that reads its lines); default stdout at LOG_LEVEL. */
    gatewayLogger?: Logger;
  } = {},
): Promise<TestGraph> {
  if (process.env.GRAPH_TOPOLOGY === 'services') return startServicesGraph(options);
  const databaseUrl = process.env.DATABASE_URL?.trim();
  const natsUrl = process.env.NATS_URL?.trim();
  const prefix = `t${process.pid}_${++graphs}_${Date.now().toString(36)}`;
  // SQLite files in a scratch directory, as npm start keeps them (WAL, a reader connection); removed on stop
  // unless the caller gave the directory (a test that restarts the graph over the same files).
  const scratch = !databaseUrl && !options.sqliteDirectory ? mkdtempSync(join(tmpdir(), 'licensing-graph-')) : null;
  const sqliteDirectory = options.sqliteDirectory ?? scratch;
  const targetFor = (name: SubgraphName): DatabaseTarget =>
    databaseUrl
      ? { driver: 'postgresql', url: databaseUrl, schema: `${prefix}_${name}` }
      : { driver: 'sqlite', path: join(sqliteDirectory!, `${name}.sqlite`) };
  const sql = new SqlLog();
  // Warnings and errors only (LOG_LEVEL=info shows every request line of a test run).
  const logger = createLogger('graph', (process.env.LOG_LEVEL as TelemetrySettings['logLevel'] | undefined) ?? 'warn');
  // With NATS_URL each graph gets its own stream and subjects, deleted when it stops.
  const baseBus: EventBus = natsUrl
    ? await NatsEventBus.connect({ url: natsUrl, stream: prefix.toUpperCase(), subjectPrefix: `test.${prefix}` })
    : new InProcessEventBus(logger);
  const bus = options.bus ? options.bus(baseBus) : baseBus;
  // Subgraph starts (and restarts) apply migrations: on PostgreSQL, not while another graph drops its schemas.
  const migrating = <T>(start: () => Promise<T>): Promise<T> => (databaseUrl ? whileNoSchemaIsDropped(databaseUrl, start) : start());
  const started = await migrating(() =>
    startSubgraphs({
      targetFor,
      bus,
      gatewaySecret: TEST_GATEWAY_SECRET,
      clock: options.clock ?? systemClock,
      ports: 0,
      logger,
      ...(options.recordSql === false ? {} : { onQuery: (name: SubgraphName, statement: string) => sql.record(name, statement) }),
    }),
  );
  const subgraphs: StartedSubgraphs = { ...started, startOne: (name) => migrating(() => started.startOne(name)) };
  let gateway: GatewayServer;
  let url: string;
  try {
    const urls = options.subgraphUrls ? options.subgraphUrls(subgraphs.urls) : subgraphs.urls;
    const urlEnv = Object.fromEntries(Object.entries(urls).map(([name, value]) => [`${name.toUpperCase()}_URL`, value]));
    const config = loadGatewayConfig({ NODE_ENV: 'test', GATEWAY_SECRET: TEST_GATEWAY_SECRET, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...urlEnv, ...options.gatewayEnv });
    gateway = await createGatewayServer(config, urls, options.gatewayLogger ? { logger: options.gatewayLogger } : {});
    url = await gateway.listen(0, '127.0.0.1');
  } catch (error) {
    await subgraphs.stop();
    await closeBus(baseBus);
    throw error;
  }

  return {
    url,
    subgraphs,
    bus,
    sql,
    gatewayMetrics: () => gateway.metrics.registry.metrics(),
    ...clientOf(url),
    stop: async () => {
      await gateway.stop();
      await subgraphs.stop();
      await closeBus(baseBus);
      if (databaseUrl) await dropTestSchemas(databaseUrl, SUBGRAPH_NAMES.map((name) => `${prefix}_${name}`));
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** query, ok and errorCode against a gateway URL, with tokens for the given claims. */
function clientOf(url: string): Pick<TestGraph, 'query' | 'ok' | 'errorCode'> {
  const query = async (text: string, variables: Record<string, unknown> = {}, as: TokenClaims | string = OPERATOR) => {
    const token = typeof as === 'string' ? as : await tokenFor(as);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: text, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphResponse['body'] };
  };
  return {
    query,
    ok: async (text, variables, as) => {
      const { body } = await query(text, variables, as);
      if (body.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(body.errors)}`);
      return body.data;
    },
    errorCode: async (text, variables, as) => {
      const { body } = await query(text, variables, as);
      if (!body.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(body.data)}`);
      return body.errors[0]!.extensions?.code;
    },
  };
}

/**
 * The same graph as five processes (ops/start-services.ts) on PostgreSQL and NATS, for
 * the capability suites that talk to it only through HTTP (the services jest project
 * sets GRAPH_TOPOLOGY=services). What lives in another process (the subgraphs' ORMs, the
 * bus, the SQL log) is not reachable; a suite that needs it, or a fixed clock, is not
 * run in this topology.
 */
async function startServicesGraph(options: Parameters<typeof startGraph>[0]): Promise<TestGraph> {
  const { clock, bus, sqliteDirectory, recordSql, subgraphUrls, gatewayLogger, ...rest } = options ?? {};
  if (clock || bus || sqliteDirectory || subgraphUrls || gatewayLogger || recordSql === true || Object.keys(rest).length > 0) {
    throw new Error('this suite needs the in-process graph (a clock, a bus, files or gateway settings of its own)');
  }
  const databaseUrl = process.env.DATABASE_URL!;
  const natsUrl = process.env.NATS_URL!;
  const prefix = `s${process.pid}_${++graphs}_${Date.now().toString(36)}`;
  const { startServices } = await import('../../ops/start-services');
  const services = await startServices({
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', GATEWAY_SECRET: TEST_GATEWAY_SECRET, DATABASE_SCHEMA_PREFIX: prefix, NATS_STREAM: prefix.toUpperCase(), NATS_SUBJECT_PREFIX: `test.${prefix}` },
    gatewayPort: 0,
    subgraphPorts: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 0])) as Record<SubgraphName, number>,
  });
  const elsewhere = (what: string) => () => {
    throw new Error(`${what} runs in another process in the services topology`);
  };
  return {
    url: services.url,
    subgraphs: new Proxy({ urls: services.subgraphUrls } as StartedSubgraphs, { get: (target, key) => (key in target ? target[key as 'urls'] : elsewhere(`subgraphs.${String(key)}`)()) }),
    bus: new Proxy({} as EventBus, { get: (_target, key) => elsewhere(`bus.${String(key)}`)() }),
    sql: new Proxy({} as SqlLog, { get: (_target, key) => elsewhere(`sql.${String(key)}`)() }),
    gatewayMetrics: elsewhere('the gateway'),
    ...clientOf(services.url),
    stop: async () => {
      await services.stop();
      await dropTestSchemas(databaseUrl, SUBGRAPH_NAMES.map((name) => `${prefix}_${name}`));
      const connection = await NatsEventBus.connect({ url: natsUrl, stream: prefix.toUpperCase(), subjectPrefix: `test.${prefix}` });
      await connection.close({ deleteStream: true });
    },
  };
}

async function closeBus(bus: EventBus): Promise<void> {
  if (bus instanceof NatsEventBus) await bus.close({ deleteStream: true });
}
