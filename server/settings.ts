import { join } from 'node:path';

/**
 * Reading settings from the environment, for the one place per process that does it
 * (`gateway/config.ts`, `subgraphs/config.ts`): each reader names the variable it
 * refuses, so a process stops at start with a message an operator can act on.
 */

/** A setting that is missing or malformed; the process stops at start with its name. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** A trimmed value, or null when unset or blank. */
export function readString(env: Environment, name: string): string | null {
  return env[name]?.trim() || null;
}

/** The development defaults of the signing secrets, public in this repository: never accepted in production. */
export const KNOWN_DEVELOPMENT_SECRETS: readonly string[] = ['dev-secret-change-me', 'dev-gateway-secret-change-me'];

/** Shortest secret production accepts, in bytes: an HMAC-SHA256 key should carry at least the hash's 256 bits. */
export const MIN_SECRET_BYTES = 32;

/**
 * A signing secret. In production it must be set (unless `optional`: another key source
 * is configured), must not be a development default from this repository, and must be at
 * least {@link MIN_SECRET_BYTES} bytes; outside production anything goes (null: use the
 * development default). The error names the variable and never echoes the value.
 */
export function readSecret(env: Environment, name: string, production: boolean, options: { optional?: boolean; missing?: string } = {}): string | null {
  const value = readString(env, name);
  if (!production) return value;
  if (value === null) {
    if (options.optional) return null;
    throw new ConfigError(options.missing ?? `${name} must be set when NODE_ENV=production`);
  }
  if (KNOWN_DEVELOPMENT_SECRETS.includes(value)) throw new ConfigError(`${name} is a public development value; set a secret of your own when NODE_ENV=production`);
  if (Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES) {
    throw new ConfigError(`${name} must be at least ${MIN_SECRET_BYTES} bytes when NODE_ENV=production (e.g. openssl rand -hex 32)`);
  }
  return value;
}

export function readInteger(env: Environment, name: string, fallback: number): number {
  const raw = readString(env, name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new ConfigError(`${name} must be a non-negative integer`);
  return value;
}

export function readOnOff(env: Environment, name: string, fallback: boolean): boolean {
  const raw = readString(env, name);
  if (raw === null) return fallback;
  if (raw !== 'on' && raw !== 'off') throw new ConfigError(`${name} must be on or off`);
  return raw === 'on';
}

export function readUrl(env: Environment, name: string, protocols: readonly string[]): string | null {
  const raw = readString(env, name);
  if (raw === null) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL`);
  }
  if (!protocols.includes(url.protocol)) throw new ConfigError(`${name} must be a ${protocols.join(' or ')} URL`);
  return raw;
}

export function readChoice<T extends string>(env: Environment, name: string, choices: readonly T[], fallback: T): T {
  const raw = readString(env, name) ?? fallback;
  if (!choices.includes(raw as T)) throw new ConfigError(`${name} must be one of ${choices.join(', ')}`);
  return raw as T;
}

/** Where the subgraphs keep their data: PostgreSQL (a schema per subgraph) or SQLite files. */
export interface DatabaseSettings {
  /** `DATABASE_URL`: PostgreSQL; null: SQLite files under `dataDir`. */
  readonly url: string | null;
  /** `DATA_DIR`: where the SQLite files go. */
  readonly dataDir: string;
  /** `DATABASE_SCHEMA_PREFIX`: schema names become `<prefix>_<subgraph>`. */
  readonly schemaPrefix: string | null;
}

/** Where the embedded SQLite files go unless `DATA_DIR` says otherwise. */
export const DEFAULT_DATA_DIR = join(__dirname, '..', '..', 'data');

/** The database settings; in production PostgreSQL is required (SQLite is the embedded default). */
export function readDatabaseSettings(env: Environment, production: boolean): DatabaseSettings {
  const url = readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  if (production && !url) throw new ConfigError('DATABASE_URL must be set when NODE_ENV=production');
  const schemaPrefix = readString(env, 'DATABASE_SCHEMA_PREFIX');
  if (schemaPrefix !== null && !/^[a-z_][a-z0-9_]*$/i.test(schemaPrefix)) throw new ConfigError('DATABASE_SCHEMA_PREFIX must be letters, digits and underscores');
  return { url, dataDir: readString(env, 'DATA_DIR') ?? DEFAULT_DATA_DIR, schemaPrefix };
}

/** Where events travel between subgraphs: a JetStream server, its stream and subject prefix. */
export interface NatsSettings {
  readonly url: string;
  readonly stream: string;
  readonly subjectPrefix: string;
}

/** `NATS_URL` (with `NATS_STREAM`, `NATS_SUBJECT_PREFIX`); null: the in-process bus (embedded only). */
export function readNatsSettings(env: Environment): NatsSettings | null {
  const url = readUrl(env, 'NATS_URL', ['nats:', 'tls:']);
  if (!url) return null;
  const stream = readString(env, 'NATS_STREAM') ?? 'LICENSING_EVENTS';
  if (!/^[A-Za-z0-9_-]+$/.test(stream)) throw new ConfigError('NATS_STREAM must be letters, digits, _ and -');
  return { url, stream, subjectPrefix: readString(env, 'NATS_SUBJECT_PREFIX') ?? 'licensing.events' };
}

/** Telemetry and logging, the same in every process. */
export interface TelemetrySettings {
  /** `OTEL_EXPORTER_OTLP_ENDPOINT`: where traces go over OTLP/HTTP; null: no tracing. */
  readonly otlpEndpoint: string | null;
  /** `OTEL_SERVICE_NAME`: the service name on this process's spans; default `licensing-<process>`. */
  readonly serviceName: string | null;
  /** `LOG_LEVEL`: pino's level. */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export function readTelemetrySettings(env: Environment): TelemetrySettings {
  return {
    otlpEndpoint: readUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', ['http:', 'https:']),
    serviceName: readString(env, 'OTEL_SERVICE_NAME'),
    logLevel: readChoice(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
  };
}
