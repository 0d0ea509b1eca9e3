import { SUBGRAPH_NAMES, type SubgraphName } from '../schema/sdl';

/** The development signing secret of the contract; refused in production. */
export const DEV_JWT_SECRET = 'dev-secret-change-me';
/** The development secret between gateway and subgraphs; refused in production. */
export const DEV_GATEWAY_SECRET = 'dev-gateway-secret-change-me';

export interface GatewayConfig {
  readonly production: boolean;
  readonly port: number;
  readonly host: string;
  readonly auth: {
    readonly hs256Secret: string;
    /** True when the secret is the development default (the gateway says so in its log). */
    readonly usingDevSecret: boolean;
    readonly jwksUrl: string | null;
    readonly issuer: string;
    readonly audience: string;
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
}

/** Operation limits; the defaults leave every contract operation far inside them. */
export interface QueryLimits {
  /** Deepest selection (the contract's deepest is 7). */
  readonly maxDepth: number;
  readonly maxAliases: number;
  /** Lexical tokens of the document (the largest contract operation has about 120). */
  readonly maxTokens: number;
  readonly maxDirectives: number;
  /**
   * graphql-armor's cost: objects 2, scalars 1, × 1.5 per level, × a literal `first`. The
   * costliest contract operation is about 100; a page of 500 users with their
   * assignments about 25,000.
   */
  readonly maxCost: number;
}

/** A setting that is missing or malformed; the process stops at start with its name. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Every setting of the gateway process, read and validated in one place. In
 * production a missing secret stops the process at start rather than falling back
 * to a development default.
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const production = env.NODE_ENV === 'production';
  const secret = env.AUTH_JWT_SECRET?.trim() || null;
  const jwksUrl = env.AUTH_JWKS_URL?.trim() || null;
  if (production && !secret && !jwksUrl) {
    throw new ConfigError('AUTH_JWT_SECRET (or AUTH_JWKS_URL) must be set when NODE_ENV=production');
  }
  const gatewaySecret = env.GATEWAY_SECRET?.trim() || null;
  if (production && !gatewaySecret) throw new ConfigError('GATEWAY_SECRET must be set when NODE_ENV=production');
  return {
    production,
    port: integer(env, 'PORT', 4000),
    host: env.HOST?.trim() || '0.0.0.0',
    auth: {
      hs256Secret: secret ?? (production ? '' : DEV_JWT_SECRET),
      usingDevSecret: !secret && !production,
      jwksUrl,
      issuer: env.AUTH_ISSUER?.trim() || 'licensing-dev',
      audience: env.AUTH_AUDIENCE?.trim() || 'licensing-graph',
    },
    gatewaySecret: gatewaySecret ?? DEV_GATEWAY_SECRET,
    subgraphUrls: subgraphUrls(env, production),
    embeddedPorts: env.EMBEDDED_SUBGRAPH_PORTS?.trim() === '0' ? 0 : 'default',
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 1024 * 1024),
    subgraphTimeoutMs: integer(env, 'SUBGRAPH_TIMEOUT_MS', 10_000),
    subgraphMutationTimeoutMs: integer(env, 'SUBGRAPH_MUTATION_TIMEOUT_MS', 120_000),
    subgraphDeduplication: onOff(env, 'SUBGRAPH_DEDUPLICATION', true),
    limits: {
      maxDepth: integer(env, 'GRAPHQL_MAX_DEPTH', 12),
      maxAliases: integer(env, 'GRAPHQL_MAX_ALIASES', 15),
      maxTokens: integer(env, 'GRAPHQL_MAX_TOKENS', 2_000),
      maxDirectives: integer(env, 'GRAPHQL_MAX_DIRECTIVES', 20),
      maxCost: integer(env, 'GRAPHQL_MAX_COST', 50_000),
    },
    persistedQueries: persistedQueriesMode(env.PERSISTED_QUERIES),
    gatewayWorkers: integer(env, 'GATEWAY_WORKERS', 0),
  };
}

/** `CATALOG_URL`, `ENTITLEMENTS_URL`, ...: all four or none (embedded mode, not allowed in production). */
function subgraphUrls(env: NodeJS.ProcessEnv, production: boolean): Record<SubgraphName, string> | null {
  const entries = SUBGRAPH_NAMES.map((name) => [name, env[`${name.toUpperCase()}_URL`]?.trim() || null] as const);
  const given = entries.filter(([, url]) => url !== null);
  if (given.length === 0) {
    if (production) throw new ConfigError('CATALOG_URL, ENTITLEMENTS_URL, SUBSCRIPTIONS_URL and INVOICING_URL must be set when NODE_ENV=production');
    return null;
  }
  const missing = entries.filter(([, url]) => url === null).map(([name]) => `${name.toUpperCase()}_URL`);
  if (missing.length > 0) throw new ConfigError(`set every subgraph URL or none; missing ${missing.join(', ')}`);
  for (const [name, url] of entries) {
    try {
      new URL(url!);
    } catch {
      throw new ConfigError(`${name.toUpperCase()}_URL is not a URL`);
    }
  }
  return Object.fromEntries(entries) as Record<SubgraphName, string>;
}

function persistedQueriesMode(raw: string | undefined): 'apq' | 'strict' {
  const value = raw?.trim() || 'apq';
  if (value !== 'apq' && value !== 'strict') throw new ConfigError('PERSISTED_QUERIES must be apq or strict');
  return value;
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (raw !== 'on' && raw !== 'off') throw new ConfigError(`${name} must be on or off`);
  return raw === 'on';
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new ConfigError(`${name} must be a non-negative integer`);
  return value;
}
