/**
 * Throughput with data (issue 7, targets 3 and 4): a tenant of 10,000 users (and, for the
 * growth series, 1,000 and 100,000) among 1,000 tenants, and through the gateway, at 20
 * connections, the RPS, p50 and p99 of the contract's TenantUsers (100 per page),
 * UserAiOverageResponsibility, AddOnPool and SetAddOnAssignment.
 *
 * The graph runs as `npm start` runs it, in processes of its own (`gateway/main.ts`:
 * the embedded subgraphs over scratch SQLite files, or PostgreSQL schemas with
 * DATABASE_URL), with the gateway in `GATEWAY_WORKERS` worker processes (default 1: the
 * machine's two cores then share the subgraphs and the gateway). The load comes from
 * autocannon in this process; every answer is checked to carry no GraphQL error. CPU per
 * request is the graph's processes' CPU time (from /proc) over the requests answered.
 * Tenants and the big tenant's subscription are created through the public mutations;
 * its users, their mappings and the half of them that hold the AI add-on are written
 * straight into Entitlements' tables (100,000 createUser calls would take many minutes).
 *
 *   npx tsx bench/throughput.bench.ts [users ...]      (DATABASE_URL for PostgreSQL)
 *   npx tsx bench/throughput.bench.ts --hold [users]   seeds, prints the URL, a token, the ids and
 *                                                      the graph's pids as JSON, and serves until
 *                                                      interrupted (to profile or load it by hand)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import autocannon from 'autocannon';
import { Client } from 'pg';

import { signDevToken } from '../gateway/sign-dev-token';
import { readManifest } from '../schema/operation-manifest';
import { activeKeyOf, Assignment } from '../subgraphs/entitlements/entities/assignment.entity';
import { newId } from '../subgraphs/kernel/ids';
import { SUBGRAPH_MODULES } from '../subgraphs/registry';
import { databaseTarget, openOrm } from '../subgraphs/runtime/orm';
import { readDatabaseSettings } from '../server/settings';
import { aSubscription, aTenant, type Arranger } from '../test/support/arrange';
import { parseLogLine } from '../ops/start-services';
import { npmStartArguments } from '../test/support/npm-start';
import { insertUsers } from '../test/support/users';

const TENANTS = 1_000;
const CONNECTIONS = 20;
const WARMUP_S = 2;
const MEASURE_S = 8;
const JWT_SECRET = 'throughput-bench-secret';

export interface ThroughputRow {
  readonly operation: string;
  readonly users: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  /** CPU of the graph's processes (subgraphs and gateway workers) per request. */
  readonly cpuMsPerRequest: number;
  /** The graph's processes' resident memory after the run. */
  readonly rssMb: number;
}

interface ServedGraph {
  readonly url: string;
  readonly env: NodeJS.ProcessEnv;
  pids(): number[];
  stop(): Promise<void>;
}

/** `gateway/main.ts` in its own process over scratch data; resolves when it is ready. */
async function startServedGraph(gatewayWorkers: number): Promise<ServedGraph> {
  const databaseUrl = process.env.DATABASE_URL?.trim();
  const scratch = databaseUrl ? null : mkdtempSync(join(tmpdir(), 'licensing-bench-'));
  const prefix = `bench_${process.pid}_${Date.now().toString(36)}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(scratch ? { DATA_DIR: scratch } : { DATABASE_SCHEMA_PREFIX: prefix }),
    PORT: '0',
    HOST: '127.0.0.1',
    EMBEDDED_SUBGRAPH_PORTS: '0',
    GATEWAY_WORKERS: String(gatewayWorkers),
    AUTH_JWT_SECRET: JWT_SECRET,
  };
  // BENCH_CPU_PROFILE=<dir>: every process of the graph writes a V8 CPU profile there when it stops (node refuses --cpu-prof in NODE_OPTIONS).
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, ...npmStartArguments()], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let workerPids: number[] = [];
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const entry = parseLogLine(line);
      if (entry?.msg === 'gateway workers ready') workerPids = entry.pids as number[];
      if (entry?.msg === 'licensing graph ready') resolve(String(entry.url).replace('localhost', '127.0.0.1'));
    });
    child.once('exit', (code) => reject(new Error(`the graph exited with ${code} before it was ready`)));
  });
  // From here on the graph's request lines are drained unread, as a log shipper would take them.
  lines.close();
  child.stdout!.resume();
  return {
    url,
    env,
    pids: () => [child.pid!, ...workerPids],
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      if (scratch) rmSync(scratch, { recursive: true, force: true });
      if (databaseUrl) {
        const client = new Client({ connectionString: databaseUrl });
        await client.connect();
        for (const module of SUBGRAPH_MODULES) await client.query(`drop schema if exists "${prefix}_${module.name}" cascade`);
        await client.end();
      }
    },
  };
}

interface Seeded {
  readonly tenantId: string;
  /** Every tenth user: the ones the per-user operations cycle through. */
  readonly sampleUserIds: readonly string[];
}

/** 1,000 tenants, one of them with `users` users mapped to one subscription, half of them holding the AI add-on. */
async function seed(graph: ServedGraph, token: string, users: number): Promise<Seeded> {
  const client: Arranger = {
    ok: async (query, variables) => {
      const response = await fetch(graph.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as { data?: any; errors?: unknown[] };
      if (body.errors?.length) throw new Error(`seeding failed: ${JSON.stringify(body.errors)}`);
      return body.data;
    },
  };
  for (let i = 1; i < TENANTS; i++) await aTenant(client, { name: `Tenant ${i}` });
  const tenantId = await aTenant(client, { name: 'Big tenant' });
  const subscriptionId = await aSubscription(client, tenantId, {
    planKey: 'webex_standard',
    telephony: 'WEBEX_CALLING',
    startsAt: '2026-01-01T00:00:00Z',
    endsAt: '2030-01-01T00:00:00Z',
    items: [{ usageType: 'AGENT_STANDARD', quantity: users }, { usageType: 'AI_AGENT', quantity: 1_000 }],
    // The pool covers every user: toggling the add-on never buys.
    addOns: [{ addOnKey: 'ai_agent', quantity: users }],
  });
  const module = SUBGRAPH_MODULES.find((m) => m.name === 'entitlements')!;
  const orm = await openOrm({ name: module.name, target: databaseTarget(readDatabaseSettings(graph.env, false), module.name), entities: module.entities, migrations: module.migrations });
  const created = new Date('2026-02-01T00:00:00Z');
  let ids: string[];
  try {
    ids = await insertUsers(orm.em, { tenantId, subscriptionId, count: users, createdAt: created });
    for (let i = 0; i < ids.length; i += 2_000) {
      await orm.em.fork().insertMany(
        Assignment,
        ids
          .slice(i, i + 2_000)
          .filter((_, k) => k % 2 === 0)
          .map((userId) => ({ id: newId('asg', created), tenantId, userId, addOnKey: 'ai_agent', assignedAt: created, unassignedAt: null, activeKey: activeKeyOf(userId, 'ai_agent'), ending: null })),
      );
    }
  } finally {
    await orm.close(true);
  }
  return { tenantId, sampleUserIds: ids.filter((_, i) => i % 10 === 0) };
}

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, at 100 ticks a second
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
}

/** A contract operation's text, as the manifest of persisted operations holds it. */
function operation(name: string): string {
  const found = readManifest().operations.find((o) => o.name === name);
  if (!found) throw new Error(`no contract operation ${name}`);
  return found.body;
}

/** CONNECTIONS connections, each sending its next request when its last one is answered. */
function cannon(graph: ServedGraph, token: string, query: string, variables: (i: number) => Record<string, unknown>, seconds: number) {
  let next = 0;
  const latencies: number[] = [];
  return new Promise<{ requests: number; seconds: number; errors: number; latencies: number[] }>((resolve, reject) => {
    const instance = autocannon(
      {
        url: graph.url,
        method: 'POST',
        connections: CONNECTIONS,
        duration: seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ query, variables: variables(next++) }) }) }],
        // A GraphQL error comes with status 200: every answer must carry data and no error.
        verifyBody: (body) => {
          const text = String(body ?? '');
          return text.startsWith('{"data":') && !text.includes('"errors":');
        },
      },
      (error, result) =>
        error
          ? reject(error)
          : resolve({ requests: result.requests.total, seconds: result.duration, errors: result.non2xx + result.errors + result.timeouts + result.mismatches, latencies }),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}

async function load(graph: ServedGraph, token: string, name: string, users: number, variables: (i: number) => Record<string, unknown>): Promise<ThroughputRow> {
  const query = operation(name);
  await cannon(graph, token, query, variables, WARMUP_S);
  const pids = graph.pids();
  const before = pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  const run = await cannon(graph, token, query, variables, MEASURE_S);
  const after = pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  const samples = run.latencies.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
  return {
    operation: name,
    users,
    rps: run.requests / run.seconds,
    p50: at(0.5),
    p99: at(0.99),
    errors: run.errors,
    cpuMsPerRequest: (after - before) / run.requests,
    rssMb: pids.reduce((sum, pid) => sum + rssMb(pid), 0),
  };
}

/** The four operations against a fresh graph whose big tenant has `users` users. */
export async function benchThroughput(users = 10_000, gatewayWorkers = Number(process.env.BENCH_GATEWAY_WORKERS ?? 1)): Promise<ThroughputRow[]> {
  const graph = await startServedGraph(gatewayWorkers);
  try {
    const token = await signDevToken({ scope: 'licensing:provision', sub: 'bench' }, { AUTH_JWT_SECRET: JWT_SECRET });
    const { tenantId, sampleUserIds } = await seed(graph, token, users);
    const user = (i: number) => sampleUserIds[i % sampleUserIds.length]!;
    return [
      await load(graph, token, 'TenantUsers', users, () => ({ tenantId, first: 100, after: null })),
      await load(graph, token, 'UserAiOverageResponsibility', users, (i) => ({ userId: user(i) })),
      await load(graph, token, 'AddOnPool', users, () => ({ tenantId, addOnKey: 'ai_agent' })),
      // The sampled users (every tenth) all hold the add-on at first; each round turns it off, the next on again.
      await load(graph, token, 'SetAddOnAssignment', users, (i) => ({ userId: user(i), addOnKey: 'ai_agent', enabled: Math.floor(i / sampleUserIds.length) % 2 === 1 })),
    ];
  } finally {
    await graph.stop();
  }
}

/** Seeds a graph and keeps it serving until SIGINT or SIGTERM. */
async function hold(users: number): Promise<void> {
  const graph = await startServedGraph(Number(process.env.BENCH_GATEWAY_WORKERS ?? 1));
  const token = await signDevToken({ scope: 'licensing:provision', sub: 'bench', ttlSeconds: 24 * 3600 }, { AUTH_JWT_SECRET: JWT_SECRET });
  const seeded = await seed(graph, token, users);
  console.log(JSON.stringify({ url: graph.url, token, ...seeded, pids: graph.pids() }));
  await new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await graph.stop();
}

async function main(args: readonly string[]): Promise<void> {
  const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
  if (args.includes('--hold')) return hold(sizes[0] ?? 10_000);
  const rows: ThroughputRow[] = [];
  for (const users of sizes.length > 0 ? sizes : [10_000]) rows.push(...(await benchThroughput(users)));
  console.log(args.includes('--json') ? JSON.stringify(rows) : rows);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
