/**
 * Throughput with data (issue 7, target 3): a 10,000-user tenant among 1,000 tenants,
 * and through the gateway, at 20 connections, the RPS, p50 and p99 of the contract's
 * TenantUsers (100 per page), UserAiOverageResponsibility, AddOnPool and
 * SetAddOnAssignment.
 *
 * The graph runs in a child process (`--serve`: seeds, then serves) so the load
 * generator here does not share its event loop; the child's CPU time per request is
 * read from /proc. The big tenant's users are written straight into Entitlements'
 * tables (10,000 createUser calls would take minutes); everything else goes through the
 * public mutations.
 *
 *   npx tsx bench/throughput.bench.ts [users]      (DATABASE_URL for PostgreSQL)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

import { User } from '../subgraphs/entitlements/entities/user.entity';
import { UserSubscriptionMapping } from '../subgraphs/entitlements/entities/user-subscription-mapping.entity';
import { newId } from '../subgraphs/kernel/ids';
import { readManifest } from '../schema/persisted-operations';
import { aSubscription, aTenant } from '../test/support/arrange';
import { startGraph } from '../test/support/start-graph';
import { tokenFor } from '../test/support/tokens';

const TENANTS = 1_000;
const CONNECTIONS = 20;
const WARMUP_MS = 2_000;
const MEASURE_MS = 8_000;

interface Served {
  readonly url: string;
  readonly token: string;
  readonly tenantId: string;
  readonly userIds: readonly string[];
}

export interface ThroughputRow {
  readonly operation: string;
  readonly users: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  /** CPU of the graph's process (gateway and four subgraphs) per request. */
  readonly cpuMsPerRequest: number;
  /** The graph process's resident memory after the run. */
  readonly rssMb: number;
}

/** Child: seeds the graph and serves it until killed; prints READY and the ids as JSON. */
async function serve(users: number): Promise<void> {
  const graph = await startGraph({ recordSql: false });
  for (let i = 1; i < TENANTS; i++) await aTenant(graph, { name: `Tenant ${i}` });
  const tenantId = await aTenant(graph, { name: 'Big tenant' });
  const subscriptionId = await aSubscription(graph, tenantId, {
    planKey: 'webex_standard',
    telephony: 'WEBEX_CALLING',
    startsAt: '2026-01-01T00:00:00Z',
    endsAt: '2030-01-01T00:00:00Z',
    items: [{ usageType: 'AGENT_STANDARD', quantity: users }, { usageType: 'AI_AGENT', quantity: 1_000 }],
    addOns: [{ addOnKey: 'ai_agent', quantity: users }],
  });
  const em = graph.subgraphs.subgraphs.find((s) => s.name === 'entitlements')!.orm.em.fork();
  const created = new Date('2026-02-01T00:00:00Z');
  const ids = Array.from({ length: users }, () => newId('usr', created)).sort();
  for (let i = 0; i < ids.length; i += 1_000) {
    const slice = ids.slice(i, i + 1_000);
    await em.insertMany(User, slice.map((id, k) => ({ id, tenantId, name: `User ${i + k}`, email: `u${i + k}@bench.example`, role: 'AGENT' as const, createdAt: created })));
    await em.insertMany(UserSubscriptionMapping, slice.map((userId) => ({ userId, from: created, subscriptionId, tenantId })));
  }
  // Half the users hold the AI add-on (the pool covers all of them: toggling buys nothing).
  await graph.ok(`mutation ($t: ID!, $ids: [ID!]!) { bulkAssignAddOn(input: { tenantId: $t, addOnKey: "ai_agent", userIds: $ids }) { assigned } }`, {
    t: tenantId,
    ids: ids.filter((_, i) => i % 2 === 0),
  });
  const served: Served = { url: graph.url, token: await tokenFor({ scope: 'licensing:provision', sub: 'bench' }), tenantId, userIds: ids.filter((_, i) => i % 10 === 0) };
  console.log(`READY ${JSON.stringify(served)}`);
  await new Promise(() => undefined);
}

/** A contract operation's text, as the manifest of persisted operations holds it. */
function operation(name: string): string {
  const found = readManifest().operations.find((o) => o.name === name);
  if (!found) throw new Error(`no contract operation ${name}`);
  return found.body;
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

/** A closed loop of CONNECTIONS workers, each sending the next request when its last one answered. */
async function load(served: Served, pid: number, name: string, variables: (i: number) => Record<string, unknown>): Promise<Omit<ThroughputRow, 'users'>> {
  const query = operation(name);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${served.token}` };
  let next = 0;
  let errors = 0;
  const samples: number[] = [];
  let measuring = false;
  let stop = false;
  const worker = async () => {
    while (!stop) {
      const i = next++;
      const started = performance.now();
      const response = await fetch(served.url, { method: 'POST', headers, body: JSON.stringify({ query, variables: variables(i) }) });
      const body = (await response.json()) as { errors?: unknown[] };
      if (!measuring) continue;
      samples.push(performance.now() - started);
      if (response.status !== 200 || body.errors) errors++;
    }
  };
  const workers = Array.from({ length: CONNECTIONS }, worker);
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  const cpuBefore = cpuMs(pid);
  measuring = true;
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
  measuring = false;
  const elapsed = performance.now() - started;
  const cpuAfter = cpuMs(pid);
  const count = samples.length;
  stop = true;
  await Promise.all(workers);
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(count - 1, Math.floor(q * count))] ?? NaN;
  return { operation: name, rps: (count * 1000) / elapsed, p50: at(0.5), p99: at(0.99), errors, cpuMsPerRequest: (cpuAfter - cpuBefore) / count, rssMb: rssMb(pid) };
}

export async function benchThroughput(users = 10_000): Promise<ThroughputRow[]> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', __filename, '--serve', String(users)], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
  try {
    const served = await new Promise<Served>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        if (line.startsWith('READY ')) resolve(JSON.parse(line.slice(6)) as Served);
      });
      child.once('exit', (code) => reject(new Error(`the graph process exited with ${code} before it was ready`)));
    });
    const pid = child.pid!;
    const { tenantId, userIds } = served;
    const user = (i: number) => userIds[i % userIds.length]!;
    const rows = [
      await load(served, pid, 'TenantUsers', () => ({ tenantId, first: 100, after: null })),
      await load(served, pid, 'UserAiOverageResponsibility', (i) => ({ userId: user(i) })),
      await load(served, pid, 'AddOnPool', () => ({ tenantId, addOnKey: 'ai_agent' })),
      // Each user alternates off and on: the pool never runs dry, so nothing is bought.
      await load(served, pid, 'SetAddOnAssignment', (i) => ({ userId: user(i), addOnKey: 'ai_agent', enabled: Math.floor(i / userIds.length) % 2 === 1 })),
    ];
    return rows.map((row) => ({ ...row, users }));
  } finally {
    child.kill('SIGKILL');
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const users = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000);
  if (args.includes('--serve')) {
    serve(users).catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  } else {
    benchThroughput(users)
      .then((rows) => console.log(args.includes('--json') ? JSON.stringify(rows) : rows))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  }
}
