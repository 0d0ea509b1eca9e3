/**
 * The distributed topology without containers: the four subgraphs and the gateway as
 * five processes, each with its own port, every subgraph in its own PostgreSQL schema,
 * events through NATS JetStream. What docker-compose.yml runs, on one machine.
 *
 *   npm run start:services            (DATABASE_URL and NATS_URL default to the local servers)
 *
 * The subgraphs start first (each applies its migrations and subscribes its consumer),
 * then the gateway with their URLs. SIGINT or SIGTERM stops the gateway, then the
 * subgraphs. The topology test drives the same code (kills and restarts a subgraph).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { SUBGRAPH_NAMES, type SubgraphName } from '../schema/sdl';
import { SUBGRAPH_MODULES } from '../subgraphs/registry';

const ROOT = join(__dirname, '..');

/**
 * The node arguments of `npm start` (package.json's start script: `node <flags> <entry>`)
 * with another entry: every process of the graph runs with the same flags (V8's, and the
 * TypeScript loader, ops/register-typescript.cjs).
 */
export function nodeArguments(entry = ''): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [command, ...args] = scripts.start!.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start runs "${command}", not node`);
  // A flag's file of the repository (`--require ./ops/...`) is named from the root, so any working directory will do.
  const flags = args.filter((arg) => !arg.endsWith('.ts')).map((arg) => (arg.startsWith('./') ? join(ROOT, arg) : arg));
  const started = args.find((arg) => arg.endsWith('.ts'))!;
  return [...flags, join(ROOT, entry || started)];
}

export type ServiceName = SubgraphName | 'gateway';

/** A line of a process's JSON log (server/logger.ts), or null when the line is not one. */
export function parseLogLine(line: string): ({ msg?: string } & Record<string, unknown>) | null {
  if (!line.startsWith('{')) return null;
  try {
    return JSON.parse(line) as { msg?: string } & Record<string, unknown>;
  } catch {
    return null;
  }
}

export interface StartServicesOptions {
  /** The environment every process gets (DATABASE_URL, NATS_URL, secrets, ...). */
  readonly env: NodeJS.ProcessEnv;
  readonly gatewayPort: number;
  /** Each subgraph's port; 0 lets the system choose (a restart keeps the port it got). */
  readonly subgraphPorts: Readonly<Record<SubgraphName, number>>;
  readonly host?: string;
  /** Every line a process prints, with its name (the launcher prefixes and prints them). */
  readonly onLine?: (service: ServiceName, line: string) => void;
}

export interface RunningServices {
  /** The gateway's GraphQL URL. */
  readonly url: string;
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  pid(service: ServiceName): number | undefined;
  /** Sends a signal to one process and waits for it to exit (SIGKILL: a crash). */
  kill(service: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped subgraph again, on the port it had. */
  restart(service: SubgraphName): Promise<void>;
  /** Stops the gateway, then the subgraphs. */
  stop(): Promise<void>;
}

/** Starts the five processes and resolves once the gateway answers. */
export async function startServices(options: StartServicesOptions): Promise<RunningServices> {
  const host = options.host ?? '127.0.0.1';
  const processes = new Map<ServiceName, ChildProcess>();
  const urls = {} as Record<SubgraphName, string>;

  const launch = (service: ServiceName, entry: string, env: NodeJS.ProcessEnv, ready: string) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, nodeArguments(entry), { cwd: ROOT, env: { ...options.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      processes.set(service, child);
      const timer = setTimeout(() => reject(new Error(`${service} was not ready within 60 s`)), 60_000);
      const onLine = (line: string) => {
        options.onLine?.(service, line);
        const entry = parseLogLine(line);
        if (entry?.msg === ready && typeof entry.url === 'string') {
          clearTimeout(timer);
          resolve(entry.url);
        }
      };
      createInterface({ input: child.stdout! }).on('line', onLine);
      createInterface({ input: child.stderr! }).on('line', onLine);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${service} exited (${signal ?? code}) before it was ready`));
      });
    });
  const startSubgraph = (name: SubgraphName, port: number) =>
    launch(name, 'subgraphs/main.ts', { SUBGRAPH: name, PORT: String(port), HOST: host }, 'subgraph ready');

  const stopProcess = async (service: ServiceName, signal: NodeJS.Signals = 'SIGTERM') => {
    const child = processes.get(service);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(force);
  };
  const stop = async () => {
    await stopProcess('gateway');
    await Promise.all(SUBGRAPH_NAMES.map((name) => stopProcess(name)));
  };

  try {
    await Promise.all(SUBGRAPH_NAMES.map(async (name) => (urls[name] = await startSubgraph(name, options.subgraphPorts[name]))));
    const urlEnv = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, urls[name]]));
    const url = await launch('gateway', 'gateway/main.ts', { ...urlEnv, PORT: String(options.gatewayPort), HOST: host }, 'licensing graph ready');
    return {
      url: url.replace('localhost', host),
      subgraphUrls: urls,
      pid: (service) => processes.get(service)?.pid,
      kill: (service, signal = 'SIGTERM') => stopProcess(service, signal),
      restart: async (name) => {
        await startSubgraph(name, Number(new URL(urls[name]).port));
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function main(): Promise<void> {
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'NATS_URL'] as const) {
    if (!env[name]?.trim()) throw new Error(`${name} must be set: the distributed topology runs on PostgreSQL and NATS JetStream`);
  }
  const width = Math.max(...SUBGRAPH_NAMES.map((n) => n.length), 'gateway'.length);
  const services = await startServices({
    env,
    gatewayPort: Number(env.PORT ?? 4000),
    subgraphPorts: Object.fromEntries(SUBGRAPH_MODULES.map((m) => [m.name, m.defaultPort])) as Record<SubgraphName, number>,
    host: env.HOST?.trim() || '127.0.0.1',
    onLine: (service, line) => console.log(`${service.padEnd(width)} | ${line}`),
  });
  console.log(`licensing graph (five processes) ready at ${services.url}`);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void services.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
