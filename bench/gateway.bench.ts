/**
 * The gateway's own cost (issue 7, target 1): our gateway as a target of the shared
 * harness `../shared/bench/gateway-anchor` (three in-memory subgraphs, a 3-fetch query
 * with a 14.7 kB answer), in the same run as stock `@apollo/gateway`, Hive Gateway
 * with the Rust planner and the Grafbase gateway (Rust, the anchor of what a gateway's CPU
 * per request can be), each with and without in-flight de-duplication.
 *
 * The harness is copied to a scratch directory and installed there with its own lock
 * (`npm ci`, once per lock); its `compose.mjs`, `server.mjs` and `schema.mjs` start and
 * describe everything but our target (`bench/gateway-target.ts`: the production set-up)
 * and Grafbase (`grafbase dev` of the harness's npm package, configured by its
 * `grafbase/*.toml`, ready when it answers).
 * The load comes from the harness's autocannon with a bearer token (the harness's own
 * driver sends none, and our gateway refuses anonymous requests); every target must
 * first return the same JSON. CPU per request is read from /proc around the measured
 * window.
 *
 *   npm run bench -- --gateway            (DURATION, WARMUP, CONN as the harness reads them)
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

import { signDevToken } from '../gateway/sign-dev-token';
import { npmStartArguments } from '../test/support/npm-start';

const HARNESS = resolve(process.env.GATEWAY_ANCHOR_DIR ?? join(__dirname, '..', '..', 'shared', 'bench', 'gateway-anchor'));
const WORK = join(tmpdir(), 'licensing-gateway-anchor');
const DURATION = Number(process.env.DURATION ?? 10);
const WARMUP = Number(process.env.WARMUP ?? 3);
const CONN = Number(process.env.CONN ?? 20);
const SECRET = 'gateway-bench-secret-of-at-least-32-bytes';

interface Target {
  readonly name: string;
  readonly port: number;
  readonly what: string;
  /** Who starts it: the harness's server.mjs, our gateway-target.ts, or the Grafbase binary. */
  readonly kind: 'harness' | 'ours' | 'grafbase';
}

const SUBGRAPHS = [
  { name: 'products', port: 4001 },
  { name: 'inventory', port: 4002 },
  { name: 'reviews', port: 4003 },
] as const;

const TARGETS: readonly Target[] = [
  { name: 'apollo', port: 4000, what: 'stock @apollo/gateway 2.14 in @apollo/server 5', kind: 'harness' },
  { name: 'hive-rr', port: 4102, what: 'Hive Gateway, Rust planner, in-flight de-duplication on (its default)', kind: 'harness' },
  { name: 'hive-rr-nodedup', port: 4103, what: 'Hive Gateway, Rust planner, de-duplication off', kind: 'harness' },
  { name: 'grafbase', port: 4104, what: 'Grafbase gateway (Rust), in-flight de-duplication on', kind: 'grafbase' },
  { name: 'grafbase-nodedup', port: 4105, what: 'Grafbase gateway (Rust), de-duplication off', kind: 'grafbase' },
  { name: 'ours', port: 4300, what: 'ours, production set-up, de-duplication on (its default)', kind: 'ours' },
  { name: 'ours-nodedup', port: 4301, what: 'ours, production set-up, SUBGRAPH_DEDUPLICATION=off', kind: 'ours' },
];

export interface GatewayRow {
  readonly target: string;
  readonly what: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  /** The gateway process's CPU per request. */
  readonly gatewayCpuMs: number;
  /** The three subgraphs' CPU per request. */
  readonly subgraphCpuMs: number;
  /** Subgraph calls per request (below 3: de-duplicated). */
  readonly subgraphCalls: number;
}

export interface GatewayBench {
  readonly rows: readonly GatewayRow[];
  /** Our RPS over stock @apollo/gateway's, same run. */
  readonly vsStockApollo: number;
  readonly responseBytes: number;
}

/** Copies the harness to the scratch directory and installs it when its lock changed. */
function prepareHarness(): void {
  if (!existsSync(join(HARNESS, 'package-lock.json'))) throw new Error(`the gateway harness is not at ${HARNESS} (set GATEWAY_ANCHOR_DIR)`);
  const lock = createHash('sha256').update(readFileSync(join(HARNESS, 'package-lock.json'))).digest('hex');
  const stamp = join(WORK, '.installed');
  mkdirSync(WORK, { recursive: true });
  mkdirSync(join(WORK, 'grafbase'), { recursive: true });
  const files = ['package.json', 'package-lock.json', 'compose.mjs', 'server.mjs', 'schema.mjs', 'grafbase/write-sdl.mjs', 'grafbase/grafbase-dedup-on.toml', 'grafbase/grafbase-dedup-off.toml'];
  for (const file of files) {
    rmSync(join(WORK, file), { force: true }); // the shared harness's files are read-only, and so are their copies
    cpSync(join(HARNESS, file), join(WORK, file));
    chmodSync(join(WORK, file), 0o644);
  }
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lock || !existsSync(join(WORK, 'node_modules'))) {
    rmSync(join(WORK, 'node_modules'), { recursive: true, force: true });
    console.error('gateway bench: installing the harness (npm ci)');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: WORK, stdio: ['ignore', 'ignore', 'inherit'] });
    writeFileSync(stamp, lock);
  }
  execFileSync(process.execPath, ['compose.mjs'], { cwd: WORK, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(process.execPath, ['grafbase/write-sdl.mjs'], { cwd: WORK, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Starts `grafbase dev` on `port` and resolves when it answers a query (it prints no READY line). */
async function startGrafbase(port: number, deduplication: boolean): Promise<ChildProcess> {
  const binary = join(WORK, 'node_modules', '@grafbase', 'cli-x86_64-unknown-linux-musl', 'grafbase');
  if (!existsSync(binary)) throw new Error(`the harness's Grafbase binary is not at ${binary}`);
  const home = join(WORK, '.grafbase-home');
  mkdirSync(home, { recursive: true });
  const config = `grafbase-dedup-${deduplication ? 'on' : 'off'}.toml`;
  const child = spawn(binary, ['--home', home, 'dev', '-c', config, '-p', String(port)], { cwd: join(WORK, 'grafbase'), stdio: ['ignore', 'ignore', 'inherit'] });
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`grafbase dev (${config}) exited with ${exited} before it answered`);
    const answered = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return child;
    await new Promise((resolve_) => setTimeout(resolve_, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`grafbase dev (${config}) did not answer within 60 s`);
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

/** Starts a process and resolves when it prints READY. */
function startProcess(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve_, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} was not ready within 60 s`)), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('READY')) {
        clearTimeout(timer);
        resolve_(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before it was ready`)));
  });
}

/** Starts a gateway under test over the harness's subgraphs (`urls`, as name=url pairs). */
function startTarget(target: Target, env: NodeJS.ProcessEnv, urls: string): Promise<ChildProcess> {
  switch (target.kind) {
    case 'grafbase':
      return startGrafbase(target.port, !target.name.endsWith('-nodedup'));
    case 'ours':
      return startProcess(
        // As npm start runs the gateway: the same V8 flags and TypeScript loader.
        [...npmStartArguments('bench/gateway-target.ts'), String(target.port), join(WORK, 'supergraph.graphql'), urls],
        { ...env, AUTH_JWT_SECRET: SECRET, GATEWAY_SECRET: 'gateway-bench-principal-secret-32-bytes-long', SUBGRAPH_DEDUPLICATION: target.name.endsWith('-nodedup') ? 'off' : 'on' },
        join(__dirname, '..'),
      );
    case 'harness':
      return startProcess(['server.mjs', target.name, String(target.port)], env, WORK);
  }
}

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, at 100 ticks a second
}

const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value && typeof value === 'object'
      ? `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`
      : JSON.stringify(value);

interface AutocannonResult {
  requests: { total: number };
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: Record<string, unknown>, done: (error: Error | null, result: AutocannonResult) => void) => { on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void };

export async function benchGateway(): Promise<GatewayBench> {
  prepareHarness();
  for (const port of [...SUBGRAPHS.map((s) => s.port), ...SUBGRAPHS.map((s) => s.port + 1000), ...TARGETS.map((t) => t.port)]) {
    if (await portInUse(port)) throw new Error(`port ${port} is in use (the harness needs 4000-4003, 5001-5003, 4102-4105, 4300, 4301); stop what holds it`);
  }
  const autocannon = createRequire(join(WORK, 'package.json'))('autocannon') as Autocannon;
  const { BODY } = (await import(pathToFileURL(join(WORK, 'schema.mjs')).href)) as { BODY: string };
  const env = { ...process.env, NODE_ENV: 'production' };
  const children = new Map<string, ChildProcess>();
  try {
    for (const subgraph of SUBGRAPHS) children.set(subgraph.name, await startProcess(['server.mjs', 'subgraph', subgraph.name], env, WORK));
    const urls = SUBGRAPHS.map((s) => `${s.name}=http://127.0.0.1:${s.port}/graphql`).join(',');
    await Promise.all(
      TARGETS.map(async (target) => {
        const child = await startTarget(target, env, urls);
        children.set(target.name, child);
      }),
    );

    const token = await signDevToken({ scope: 'licensing:read', tenant: 'bench-tenant', role: 'ADMIN', ttlSeconds: 3600 }, { AUTH_JWT_SECRET: SECRET });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const urlOf = (target: Target) => `http://127.0.0.1:${target.port}/graphql`;

    // Every target returns the same JSON (and warms up its caches) before anything is timed.
    let reference: string | null = null;
    let responseBytes = 0;
    for (const target of TARGETS) {
      for (let i = 0; i < 20; i++) await fetch(urlOf(target), { method: 'POST', headers, body: BODY }).then((r) => r.arrayBuffer());
      const response = await fetch(urlOf(target), { method: 'POST', headers, body: BODY });
      const text = await response.text();
      const json = JSON.parse(text) as { data?: unknown; errors?: unknown };
      if (response.status !== 200 || json.errors) throw new Error(`${target.name} answered ${response.status}: ${text.slice(0, 300)}`);
      // The data, compared: a gateway may add its own keys beside it.
      reference ??= canonical(json.data);
      if (canonical(json.data) !== reference) throw new Error(`${target.name} returns different data from ${TARGETS[0]!.name}`);
      responseBytes = Buffer.byteLength(text);
    }

    const cannon = (url: string, duration: number) =>
      new Promise<{ result: AutocannonResult; latencies: number[] }>((done, fail) => {
        const latencies: number[] = [];
        const instance = autocannon({ url, method: 'POST', headers, body: BODY, connections: CONN, duration, pipelining: 1, timeout: 10 }, (error, result) =>
          error ? fail(error) : done({ result, latencies }),
        );
        instance.on('response', (_client, status, _bytes, ms) => {
          if (status >= 200 && status < 300) latencies.push(ms);
        });
      });
    const subgraphCalls = async () => {
      let total = 0;
      for (const s of SUBGRAPHS) total += Number(await (await fetch(`http://127.0.0.1:${s.port + 1000}/`)).text());
      return total;
    };

    const rows: GatewayRow[] = [];
    for (const target of TARGETS) {
      await cannon(urlOf(target), WARMUP);
      const pid = children.get(target.name)!.pid!;
      const subgraphPids = SUBGRAPHS.map((s) => children.get(s.name)!.pid!);
      const calls0 = await subgraphCalls();
      const cpu0 = cpuMs(pid);
      const subCpu0 = subgraphPids.reduce((sum, p) => sum + cpuMs(p), 0);
      const { result, latencies } = await cannon(urlOf(target), DURATION);
      const cpu1 = cpuMs(pid);
      const subCpu1 = subgraphPids.reduce((sum, p) => sum + cpuMs(p), 0);
      const calls1 = await subgraphCalls();
      latencies.sort((a, b) => a - b);
      const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
      const total = result.requests.total;
      rows.push({
        target: target.name,
        what: target.what,
        rps: total / result.duration,
        p50: at(0.5),
        p99: at(0.99),
        errors: result.non2xx + result.errors + result.timeouts,
        gatewayCpuMs: (cpu1 - cpu0) / total,
        subgraphCpuMs: (subCpu1 - subCpu0) / total,
        subgraphCalls: (calls1 - calls0) / total,
      });
    }
    const rps = (name: string) => rows.find((row) => row.target === name)!.rps;
    return { rows, vsStockApollo: rps('ours') / rps('apollo'), responseBytes };
  } finally {
    for (const child of children.values()) child.kill('SIGKILL');
  }
}

export function gatewayTable(bench: GatewayBench): string {
  const lines = [
    `Gateway harness (../shared/bench/gateway-anchor): topProducts(first: 50) over 3 subgraphs, ${bench.responseBytes} bytes, ${CONN} connections, ${DURATION} s after ${WARMUP} s warm-up`,
    '',
    '| target | RPS | p50 | p99 | errors | gateway CPU per request | subgraph CPU per request | subgraph calls per request |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...bench.rows.map(
      (row) =>
        `| ${row.target}: ${row.what} | ${row.rps.toFixed(0)} | ${row.p50.toFixed(2)} ms | ${row.p99.toFixed(2)} ms | ${row.errors} | ${row.gatewayCpuMs.toFixed(2)} ms | ${row.subgraphCpuMs.toFixed(2)} ms | ${row.subgraphCalls.toFixed(2)} |`,
    ),
  ];
  return lines.join('\n');
}

if (require.main === module) {
  benchGateway()
    .then((bench) => {
      if (process.argv.includes('--json')) return console.log(JSON.stringify(bench));
      console.log(gatewayTable(bench));
      console.log(`gateway-vs-stock-apollo: ${bench.vsStockApollo.toFixed(2)}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
