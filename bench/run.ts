/**
 * `npm run bench`: every benchmark of the project, one table, written to
 * bench/results/<machine>.md. Speed targets live here, not in timed tests.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

import { formatMs } from './measure';
import { benchEntitlements } from './entitlements.bench';
import type { GatewayBench } from './gateway.bench';
import type { InvoicingBench } from './invoicing.bench';
import type { ThroughputRow } from './throughput.bench';
import { benchSubscriptions } from './subscriptions.bench';

async function main(): Promise<void> {
  // Issue 7, target 1 alone: the shared gateway harness with our gateway as a target.
  if (process.argv.includes('--gateway')) {
    const gateway = inOwnProcess<GatewayBench>('gateway.bench.ts');
    console.log(gatewayRows(gateway).join('\n'));
    console.log(`gateway-vs-stock-apollo: ${gateway.vsStockApollo.toFixed(2)}`);
    return;
  }
  const database = process.env.DATABASE_URL ? 'postgresql' : 'sqlite';
  const rows: string[] = [];
  const gateway = inOwnProcess<GatewayBench>('gateway.bench.ts');
  rows.push(...gatewayRows(gateway));
  const subscriptions = await benchSubscriptions();
  for (const [name, latency] of Object.entries(subscriptions)) {
    rows.push(`| subscriptions subgraph | ${name} (1,000 subscriptions, 50,000 usage records) | ${database} | ${formatMs(latency.p50)} | ${formatMs(latency.p99)} | 20 ms |`);
  }
  const entitlements = await benchEntitlements();
  rows.push(`| gateway | TenantUsers page of 100 with assignments and access for 3 add-ons (10,000-user tenant) | ${database} | ${formatMs(entitlements.page.p50)} | ${formatMs(entitlements.page.p99)} | 50 ms |`);
  rows.push(
    `| gateway | concurrency report over ${entitlements.concurrency.sessions.toLocaleString('en')} sessions | ${database} | ${formatMs(entitlements.concurrency.ms)} (one run) | RSS +${entitlements.concurrency.rssMb.toFixed(0)} MB while answering | 2 s, 500 MB |`,
  );
  // In a process of its own: its peak memory is the billing run's, not what the benches before it left.
  const invoicing = inOwnProcess<InvoicingBench>('invoicing.bench.ts');
  rows.push(
    `| gateway | runBilling: ${invoicing.tenants.toLocaleString('en')} tenants × 3 subscriptions → ${invoicing.invoices.toLocaleString('en')} invoices, ${invoicing.lines.toLocaleString('en')} lines | ${database} | ${formatMs(invoicing.ms)} (one run) | RSS peak ${invoicing.peakRssTotalMb.toFixed(0)} MB (+${invoicing.peakRssMb.toFixed(0)} MB during the run) | 60 s, 1 GB |`,
  );
  // Issue 7, targets 3 and 4: the graph as npm start runs it, in its own processes, the load from autocannon here
  // (20 connections, 8 s each), for tenants of 1,000, 10,000 and 100,000 users.
  const throughput = inOwnProcess<ThroughputRow[]>('throughput.bench.ts', ['1000', '10000', '100000']);
  for (const row of throughput.filter((r) => r.users === 10_000)) {
    rows.push(
      `| gateway, 20 connections | ${row.operation} (${row.users.toLocaleString('en')}-user tenant among 1,000 tenants): ${row.rps.toFixed(0)} requests/s, ${row.cpuMsPerRequest.toFixed(2)} ms graph CPU per request, ${row.errors} errors | ${database} | ${formatMs(row.p50)} | ${formatMs(row.p99)} | ${row.operation === 'SetAddOnAssignment' ? 'reported (a write)' : '30 ms'} |`,
    );
  }
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const table = [
    `# Benchmarks`,
    '',
    `${new Date().toISOString()} on ${machine}; \`npm run bench\` (DATABASE_URL for PostgreSQL).`,
    '',
    '| where | what | database | p50 | p99 | target (p50) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...growthTable(throughput),
    '',
    `gateway-vs-stock-apollo: ${gateway.vsStockApollo.toFixed(2)}`,
    '',
  ].join('\n');
  console.log(table);
  writeFileSync(join(__dirname, 'results', `node-svc-${database}.md`), table);
}

/** Issue 7, target 4: p50 and the graph's memory as the big tenant grows, one column per operation. */
function growthTable(rows: readonly ThroughputRow[]): string[] {
  const sizes = [...new Set(rows.map((r) => r.users))].sort((a, b) => a - b);
  const operations = [...new Set(rows.map((r) => r.operation))];
  const cell = (users: number, operation: string) => rows.find((r) => r.users === users && r.operation === operation);
  return [
    '### Growth: p50 (and requests/s) at 20 connections as the big tenant grows',
    '',
    `| users in the tenant | ${operations.join(' | ')} | graph RSS (all processes, largest after an operation) |`,
    `| --- | ${operations.map(() => '---').join(' | ')} | --- |`,
    ...sizes.map(
      (users) =>
        `| ${users.toLocaleString('en')} | ${operations.map((op) => `${formatMs(cell(users, op)!.p50)} (${cell(users, op)!.rps.toFixed(0)}/s)`).join(' | ')} | ${Math.max(...rows.filter((r) => r.users === users).map((r) => r.rssMb)).toFixed(0)} MB |`,
    ),
  ];
}

/** The harness's targets as rows of the table (in-memory subgraphs: no database). */
function gatewayRows(bench: GatewayBench): string[] {
  return bench.rows.map(
    (row) =>
      `| gateway harness, 20 connections | ${row.target} (${row.what}), topProducts over 3 subgraphs (${bench.responseBytes.toLocaleString('en')} bytes): ${row.rps.toFixed(0)} requests/s, gateway CPU ${row.gatewayCpuMs.toFixed(2)} ms per request, subgraphs ${row.subgraphCpuMs.toFixed(2)} ms, ${row.subgraphCalls.toFixed(2)} subgraph calls per request, ${row.errors} errors | in memory | ${formatMs(row.p50)} | ${formatMs(row.p99)} | ${row.target === 'ours' ? '≥ 1.5 × apollo RPS, above hive-rr' : 'anchor'} |`,
  );
}

/** Runs a bench file in a fresh Node process; its last line of output is the result as JSON. */
function inOwnProcess<T>(file: string, args: readonly string[] = []): T {
  const output = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, file), ...args, '--json'], {
    encoding: 'utf8',
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
  });
  return JSON.parse(output.trim().split('\n').pop()!) as T;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
