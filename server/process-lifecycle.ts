import { ConfigError } from './settings';

/**
 * How every long-running process of the graph (the gateway, a subgraph) ends: on SIGTERM
 * or SIGINT, once, it announces the signal (when asked to), runs `stop` (drain, then
 * close) and exits 0; if stopping takes over 10 s it exits 1.
 */
export function onTermination(stop: () => Promise<void>, announce?: (signal: string) => void): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    announce?.(signal);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** Runs a process's entry point: a missing or malformed setting prints as `config: <message>`, anything else whole; both exit 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? `config: ${error.message}` : error);
    process.exit(1);
  });
}
