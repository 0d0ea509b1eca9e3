import pino, { type Logger } from 'pino';

import type { TelemetrySettings } from './settings';

export type { Logger };

/**
 * A process's structured log: one JSON object per line on stdout, with the service that
 * wrote it, ISO timestamps and the level by name. Request lines carry the request id,
 * the operation, the tenant and the duration, never a token, a header or a variable's
 * value (http/graphql-over-http.ts decides what a request line holds).
 */
export function createLogger(service: string, level: TelemetrySettings['logLevel'], destination?: pino.DestinationStream): Logger {
  const options = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
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
