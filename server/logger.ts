import pino, { type Logger } from 'pino';

import type { TelemetrySettings } from './settings';

export type { Logger };

/**
 * A process's structured log: one JSON object per line on stdout, with the service that
 * wrote it, ISO timestamps and the level by name. Request lines carry the request id,
 * the operation, the tenant and the duration, never a token, a header or a variable's
 * value (server/http/request-telemetry.ts decides what a request line holds).
 */
export function createLogger(service: string, level: TelemetrySettings['logLevel'], destination?: pino.DestinationStream): Logger {
  const options = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    serializers: { err: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * The log a process's start-up and shutdown lines go to: at least `info` whatever
 * LOG_LEVEL says (but silent), because launchers and operators read the "ready" line with
 * its URL; request lines stay at the configured level.
 */
export function lifecycleLog(logger: Logger): Logger {
  return logger.level === 'silent' || logger.isLevelEnabled('info') ? logger : logger.child({}, { level: 'info' });
}

/** A string literal of SQL text ('...' with '' inside). */
const SQL_LITERAL = /'(?:[^']|'')*'/g;
/** PostgreSQL's detail of a conflicting key: `Key (tenant_id, email)=(ten_1, ada@example.com)`. */
const KEY_VALUES = /(Key \([^)]*\))=\((?:[^()]|\([^)]*\))*\)/g;
const redact = (text: string) => text.replace(SQL_LITERAL, "'?'").replace(KEY_VALUES, '$1=(?)');

/** What a database error keeps in a log line: where and why, never the statement's values. */
const DATABASE_ERROR_FIELDS = ['type', 'message', 'stack', 'code', 'errno', 'sqlState', 'severity', 'constraint', 'table', 'column', 'schema', 'routine'];

/**
 * An error as a log line holds it. A database error's message and stack carry the SQL
 * statement with its values written in (MikroORM 6 formats values into the statement it
 * runs), and PostgreSQL's `detail` repeats a conflicting row's values: names and e-mails
 * the log must not hold. Those keep their SQL with every string literal replaced by '?',
 * and lose the fields that repeat values; other errors are logged whole.
 */
export function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown> | undefined;
  if (!serialized || typeof serialized !== 'object' || !isDatabaseError(error)) return serialized;
  const redacted: Record<string, unknown> = {};
  for (const field of DATABASE_ERROR_FIELDS) {
    const value = serialized[field];
    if (value !== undefined) redacted[field] = typeof value === 'string' ? redact(value) : value;
  }
  return redacted;
}

function isDatabaseError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // MikroORM's DriverException family; node-postgres (severity, detail); libsql (rawCode); knex (sql).
  return /Exception$/.test(error.name) || ['sqlState', 'severity', 'rawCode', 'sql', 'detail'].some((field) => field in error);
}
