import { SUBGRAPH_NAMES, type SubgraphName } from '../schema/sdl';
import { DEV_GATEWAY_SECRET } from '../subgraphs/kernel/principal';
import {
  ConfigError,
  readChoice,
  readDatabaseSettings,
  readInteger,
  readNatsSettings,
  readOnOff,
  readSecret,
  readString,
  readTelemetrySettings,
  readUrl,
  type DatabaseSettings,
  type Environment,
  type NatsSettings,
  type TelemetrySettings,
} from '../server/settings';

export { ConfigError };

/** The development signing secret of the contract; refused in production. */
export const DEV_JWT_SECRET = 'dev-secret-change-me';

export interface GatewayConfig {
  readonly production: boolean;
  readonly port: number;
  readonly host: string;
  /** Where GET /metrics is served (0: a free port), never on the public port; default 9464, or a free port when `port` is 0. */
  readonly metricsPort: number;
  readonly auth: {
    readonly hs256Secret: string;
    /** True when the secret is the development default (the gateway says so in its log). */
    readonly usingDevSecret: boolean;
    readonly jwksUrl: string | null;
    readonly issuer: string;
    readonly audience: string;
    /** The longest a token may live (`exp − iat`, or `exp − now` without `iat`). */
    readonly maxTokenLifetimeSeconds: number;
  };
  /** Signs the principal header the subgraphs verify. */
  readonly gatewaySecret: string;
  /** Where each subgraph is; null: embedded mode (the gateway starts them in-process). */
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>> | null;
  /** Embedded mode: 'default' puts the subgraphs on 4001 to 4004, 0 on free ports. */
  readonly embeddedPorts: 'default' | 0;
  readonly maxBodyBytes: number;
  /** Time limit of a subgraph call made for a query. */
  readonly subgraphTimeoutMs: number;
  /** Time limit of a subgraph call made for a mutation: a billing run or a bulk assignment of thousands of users takes longer than any read. */
  readonly subgraphMutationTimeoutMs: number;
  /** Identical query calls in flight to a subgraph for the same principal share one request (`SUBGRAPH_DEDUPLICATION`, on by default). */
  readonly subgraphDeduplication: boolean;
  /** Limits every operation must stay within before it is planned (graphql-armor). */
  readonly limits: QueryLimits;
  /** `apq` (default): automatic persisted queries; `strict`: only the manifest's operations. */
  readonly persistedQueries: 'apq' | 'strict';
  /**
   * `GATEWAY_WORKERS`: 0 (default) serves the gateway in this process; n serves it from n
   * worker processes sharing the port (node:cluster), so a machine's cores share the
   * planning and result shaping. The gateway keeps no state between requests.
   */
  readonly gatewayWorkers: number;
  /** Embedded mode: where the subgraphs keep their data. */
  readonly database: DatabaseSettings;
  /** Embedded mode: events through NATS JetStream when set, else in memory. */
  readonly nats: NatsSettings | null;
  readonly telemetry: TelemetrySettings;
}

/** Operation limits; the defaults leave every contract operation far inside them. */
export interface QueryLimits {
  /** Deepest selection (the contract's deepest is 7). */
  readonly maxDepth: number;
  readonly maxAliases: number;
  /** Lexical tokens of the document (the largest contract operation has about 120). */
  readonly maxTokens: number;
  readonly maxDirectives: number;
  /** Field selections of a document, counted through fragments (the largest contract operation has about 30). */
  readonly maxSelections: number;
  /**
   * graphql-armor's cost: objects 2, scalars 1, × 1.5 per level, × a literal `first`. The
   * costliest contract operation is about 100; a page of 500 users with their
   * assignments about 25,000.
   */
  readonly maxCost: number;
}

/**
 * Every setting of the gateway process, read and validated in one place. In
 * production a missing secret stops the process at start rather than falling back
 * to a development default.
 */
export function loadGatewayConfig(env: Environment = process.env): GatewayConfig {
  const production = env.NODE_ENV === 'production';
  const jwksUrl = readUrl(env, 'AUTH_JWKS_URL', ['https:', 'http:']);
  const secret = readSecret(env, 'AUTH_JWT_SECRET', production, {
    optional: jwksUrl !== null,
    missing: 'AUTH_JWT_SECRET (or AUTH_JWKS_URL) must be set when NODE_ENV=production',
  });
  const gatewaySecret = readSecret(env, 'GATEWAY_SECRET', production);
  const urls = subgraphUrls(env, production);
  const port = readInteger(env, 'PORT', 4000);
  return {
    production,
    port,
    host: readString(env, 'HOST') ?? '0.0.0.0',
    // A graph on a free port (tests, benchmarks) serves its metrics on a free port too.
    metricsPort: readInteger(env, 'METRICS_PORT', port === 0 ? 0 : 9464),
    auth: {
      hs256Secret: secret ?? (production ? '' : DEV_JWT_SECRET),
      usingDevSecret: !secret && !production,
      jwksUrl,
      issuer: readString(env, 'AUTH_ISSUER') ?? 'licensing-dev',
      audience: readString(env, 'AUTH_AUDIENCE') ?? 'licensing-graph',
      maxTokenLifetimeSeconds: readInteger(env, 'AUTH_MAX_TOKEN_LIFETIME_SECONDS', 24 * 60 * 60),
    },
    gatewaySecret: gatewaySecret ?? DEV_GATEWAY_SECRET,
    subgraphUrls: urls,
    embeddedPorts: readString(env, 'EMBEDDED_SUBGRAPH_PORTS') === '0' ? 0 : 'default',
    maxBodyBytes: readInteger(env, 'MAX_BODY_BYTES', 1024 * 1024),
    subgraphTimeoutMs: readInteger(env, 'SUBGRAPH_TIMEOUT_MS', 10_000),
    subgraphMutationTimeoutMs: readInteger(env, 'SUBGRAPH_MUTATION_TIMEOUT_MS', 120_000),
    subgraphDeduplication: readOnOff(env, 'SUBGRAPH_DEDUPLICATION', true),
    limits: {
      maxDepth: readInteger(env, 'GRAPHQL_MAX_DEPTH', 12),
      maxAliases: readInteger(env, 'GRAPHQL_MAX_ALIASES', 15),
      maxTokens: readInteger(env, 'GRAPHQL_MAX_TOKENS', 2_000),
      maxDirectives: readInteger(env, 'GRAPHQL_MAX_DIRECTIVES', 20),
      maxSelections: readInteger(env, 'GRAPHQL_MAX_SELECTIONS', 250),
      maxCost: readInteger(env, 'GRAPHQL_MAX_COST', 50_000),
    },
    persistedQueries: readChoice(env, 'PERSISTED_QUERIES', ['apq', 'strict'] as const, 'apq'),
    gatewayWorkers: readInteger(env, 'GATEWAY_WORKERS', 0),
    // Only embedded mode runs subgraphs here; production never does (subgraph URLs are required).
    database: readDatabaseSettings(env, false),
    nats: readNatsSettings(env),
    telemetry: readTelemetrySettings(env),
  };
}

/** `CATALOG_URL`, `ENTITLEMENTS_URL`, ...: all four or none (embedded mode, not allowed in production). */
function subgraphUrls(env: Environment, production: boolean): Record<SubgraphName, string> | null {
  const entries = SUBGRAPH_NAMES.map((name) => [name, readUrl(env, `${name.toUpperCase()}_URL`, ['http:', 'https:'])] as const);
  const given = entries.filter(([, url]) => url !== null);
  if (given.length === 0) {
    if (production) throw new ConfigError('CATALOG_URL, ENTITLEMENTS_URL, SUBSCRIPTIONS_URL and INVOICING_URL must be set when NODE_ENV=production');
    return null;
  }
  const missing = entries.filter(([, url]) => url === null).map(([name]) => `${name.toUpperCase()}_URL`);
  if (missing.length > 0) throw new ConfigError(`set every subgraph URL or none; missing ${missing.join(', ')}`);
  return Object.fromEntries(entries) as Record<SubgraphName, string>;
}
