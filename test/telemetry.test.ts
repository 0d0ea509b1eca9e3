import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parseLogLine } from '../ops/start-services';
import { otlpReceiver } from './support/otlp-receiver';
import { waitFor } from './support/eventually';
import { createLogger } from '../server/logger';
import { startGraph } from './support/start-graph';
import { npmStartArguments, ROOT } from './support/npm-start';
import { customer, tokenFor } from './support/tokens';

/**
 * Issue 8, telemetry: one JSON log line per request (request id, operation, tenant,
 * duration; no token, no personal data), one trace per request across the gateway and
 * the subgraphs exported over OTLP, and Prometheus metrics on the gateway.
 */

/** A POST on a connection of its own (cluster workers then take turns). */
function post(url: string, token: string, body: unknown): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('telemetry of the graph as npm start runs it', () => {
  let child: ChildProcess;
  let url: string;
  let metricsUrl: string;
  let output = '';
  let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
  const directory = mkdtempSync(join(tmpdir(), 'licensing-telemetry-'));

  beforeAll(async () => {
    receiver = await otlpReceiver();
    child = spawn(process.execPath, npmStartArguments(), {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', EMBEDDED_SUBGRAPH_PORTS: '0', DATABASE_URL: '', NATS_URL: '', DATA_DIR: directory, LOG_LEVEL: 'info', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, GATEWAY_WORKERS: '2' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => entries().some((e) => e.msg === 'licensing graph ready'), 20_000);
    const ready = entries().find((e) => e.msg === 'licensing graph ready')!;
    url = String(ready.url);
    metricsUrl = String(ready.metrics);
  }, 30_000);

  afterAll(async () => {
    child?.kill('SIGTERM');
    await new Promise((resolve) => child?.once('exit', resolve));
    await receiver?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const entries = () => output.split('\n').map(parseLogLine).filter((e): e is NonNullable<typeof e> => e !== null);

  it('logs each request as one JSON line with its id, operation, tenant and duration, without the token or personal data; traces it across the gateway and the subgraphs; counts it in /metrics', async () => {
    const operator = await tokenFor({ scope: 'licensing:provision', sub: 'operator-7' });
    const tenant = await post(url, operator, { query: 'mutation CreateTenant($name: String!) { createTenant(input: { name: $name }) { id } }', variables: { name: 'Telemetry' } });
    const tenantId = tenant.body.data.createTenant.id as string;
    const admin = await tokenFor(customer(tenantId, 'ADMIN', 'usr_admin_sub'));
    const created = await post(url, admin, {
      query: 'mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { id tenant { id name } } }',
      variables: { input: { tenantId, name: 'Grace Hopper', email: 'grace.hopper@navy.example', role: 'AGENT' } },
    });
    expect(created.status).toBe(200);
    const requestId = created.headers['x-request-id'] as string;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    // The gateway's line, and the subgraphs' lines for the same request id (the gateway forwards it).
    await waitFor(() => entries().filter((e) => e.msg === 'request' && e.reqId === requestId).length >= 3);
    const lines = entries().filter((e) => e.msg === 'request' && e.reqId === requestId);
    const gatewayLine = lines.find((e) => e.service === 'gateway')!;
    expect(lines.filter((e) => e.service === 'gateway')).toHaveLength(1);
    expect(gatewayLine).toMatchObject({ operation: 'CreateUser', operationType: 'mutation', principal: 'customer', tenant: tenantId, status: 200, errors: 0 });
    expect(typeof gatewayLine.durationMs).toBe('number');
    expect(lines.filter((e) => e.service === 'subgraphs').map((e) => e.subgraph)).toEqual(expect.arrayContaining(['entitlements']));
    for (const secret of [admin, operator, 'grace.hopper', 'Grace Hopper', 'usr_admin_sub', 'operator-7']) expect(output).not.toContain(secret);

    // One trace: the gateway's server span, its own spans, and the subgraphs' server spans under its fetches.
    await waitFor(() => receiver.spans().some((s) => s.attributes?.some((a) => a.key === 'licensing.request_id' && a.value.stringValue === requestId) && s.name === 'mutation CreateUser'));
    const root = receiver.spans().find((s) => s.name === 'mutation CreateUser' && s.attributes?.some((a) => a.key === 'licensing.request_id' && a.value.stringValue === requestId))!;
    await waitFor(() => receiver.spans().filter((s) => s.traceId === root.traceId && s.kind === 2).length >= 3);
    const trace = receiver.spans().filter((s) => s.traceId === root.traceId);
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    expect(trace.map((s) => s.name)).toEqual(expect.arrayContaining(['gateway.request', 'gateway.plan', 'gateway.execute', 'gateway.fetch']));
    const subgraphServerSpans = trace.filter((s) => s.kind === 2 && s !== root);
    expect(subgraphServerSpans.length).toBeGreaterThanOrEqual(2);
    for (const span of subgraphServerSpans) expect(byId.get(span.parentSpanId!)?.name).toBe('gateway.fetch');
    expect(new Set(trace.map((s) => s.service))).toEqual(new Set(['licensing-gateway']));

    // Prometheus on its own port, aggregated over both workers: every request the gateway answered, whichever
    // worker took it, labelled by the persisted operations' names only (any other name is `other`).
    for (let i = 0; i < 6; i++) await post(url, admin, { query: 'query TenantSubscriptions($tenantId: ID!) { tenant(id: $tenantId) { name } }', variables: { tenantId } });
    for (let i = 0; i < 3; i++) await post(url, admin, { query: `query Junk${i} { __typename }` });
    expect(new URL(metricsUrl).port).not.toBe(new URL(url).port);
    const metrics = await (await fetch(metricsUrl)).text();
    expect(metrics).toMatch(/graphql_requests_total\{operation="TenantSubscriptions",status="200"\} 6/);
    expect(metrics).toMatch(/graphql_request_duration_seconds_count\{operation="TenantSubscriptions"\} 6/);
    expect(metrics).toMatch(/graphql_requests_total\{operation="CreateUser",status="200"\} 1/);
    expect(metrics).toMatch(/graphql_requests_total\{operation="other",status="200"\} 3/);
    expect(metrics).not.toMatch(/Junk/);
    // Not on the graph's public port.
    expect((await fetch(new URL('/metrics', url))).status).toBe(404);
  }, 60_000);
});

describe('subgraph errors in the metrics', () => {
  it('counts a subgraph that does not answer, by subgraph and cause, and logs the failure under the request id the client was given', async () => {
    const lines: string[] = [];
    const gatewayLogger = createLogger('gateway', 'warn', { write: (line: string) => void lines.push(line) });
    const graph = await startGraph({ subgraphUrls: (urls) => ({ ...urls, invoicing: 'http://127.0.0.1:9/graphql' }), gatewayLogger });
    try {
      const tenantId = (await graph.ok('mutation { createTenant(input: { name: "Down" }) { id } }')).createTenant.id;
      const response = await fetch(graph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor({ scope: 'licensing:provision', sub: 'operator-1' })}`, 'x-request-id': 'support-ticket-4711' },
        body: JSON.stringify({ query: 'query ($t: ID!) { tenant(id: $t) { name invoices { id } } }', variables: { t: tenantId } }),
      });
      const answer = { body: (await response.json()) as any };
      expect(answer.body.data.tenant).toEqual({ name: 'Down', invoices: null });
      expect(answer.body.errors.map((e: any) => [e.message, e.extensions.code])).toEqual([['internal error', 'INTERNAL_SERVER_ERROR']]);
      const failure = lines.map(parseLogLine).find((entry) => entry?.msg === 'gateway: internal error');
      expect(failure).toMatchObject({ level: 'error', service: 'gateway', reqId: 'support-ticket-4711' });
      expect(JSON.stringify(failure)).toMatch(/ECONNREFUSED/);
      const metrics = await graph.gatewayMetrics();
      expect(metrics).toMatch(/subgraph_errors_total\{subgraph="invoicing",cause="transport"\} [1-9]/);
      expect(metrics).not.toMatch(/subgraph_errors_total\{subgraph="subscriptions"/);
    } finally {
      await graph.stop();
    }
  });
});
