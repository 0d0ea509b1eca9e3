import { request as httpRequest } from 'node:http';

import { eventually } from './support/eventually';
import { startGraph, type TestGraph } from './support/start-graph';
import { tokenFor } from './support/tokens';

async function raw(url: string, init: RequestInit) {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, text, body: text ? JSON.parse(text) : null };
}

describe('HTTP surface of the gateway', () => {
  let graph: TestGraph;
  let auth: string;
  beforeAll(async () => {
    graph = await startGraph();
    auth = `Bearer ${await tokenFor({ scope: 'licensing:provision' })}`;
  });
  afterAll(() => graph?.stop());

  const headers = () => ({ 'content-type': 'application/json', authorization: auth });
  const stillServing = async () => {
    const response = await raw(graph.url, { method: 'POST', headers: headers(), body: JSON.stringify({ query: '{ plans { key } }' }) });
    expect(response.status).toBe(200);
  };

  it('malformed JSON: 400 with a GraphQL error, and the gateway keeps serving', async () => {
    const response = await raw(graph.url, { method: 'POST', headers: headers(), body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    await stillServing();
  });

  it('a query that does not parse: 400 GRAPHQL_PARSE_FAILED; an unknown field: 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const parse = await raw(graph.url, { method: 'POST', headers: headers(), body: JSON.stringify({ query: '{ plans { ' }) });
    expect(parse.status).toBe(400);
    expect(parse.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const invalid = await raw(graph.url, { method: 'POST', headers: headers(), body: JSON.stringify({ query: '{ nope }' }) });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    await stillServing();
  });

  it('a body over the limit: 413 before it is parsed', async () => {
    const big = JSON.stringify({ query: '{ plans { key } }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } });
    const response = await raw(graph.url, { method: 'POST', headers: headers(), body: big });
    expect(response.status).toBe(413);
    await stillServing();
  });

  it('a chunked body that passes the limit and never ends: 413 at once, and the connection is closed', async () => {
    const target = new URL(graph.url);
    const started = Date.now();
    const answer = await new Promise<{ status: number; connection: string | undefined; closed: Promise<void> }>((resolve, reject) => {
      // No content-length: the size is known only by reading, and the client never finishes.
      const request = httpRequest({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { ...headers(), 'transfer-encoding': 'chunked' } });
      request.on('error', () => undefined); // the server closes the connection under the unfinished upload
      request.on('response', (response) => {
        response.resume();
        const closed = new Promise<void>((done) => request.socket?.once('close', () => done()) ?? done());
        resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, closed });
      });
      request.write(`{"query": "{ plans { key } }", "variables": { "pad": "${'x'.repeat(1_500_000)}`);
      setTimeout(() => {
        request.destroy();
        reject(new Error('no answer while the body was still coming'));
      }, 5_000).unref();
    });
    expect(answer.status).toBe(413);
    expect(answer.connection).toBe('close');
    await answer.closed;
    expect(Date.now() - started).toBeLessThan(5_000);
    await stillServing();
  });

  it('no response carries a stack trace, SQL or an internal URL', async () => {
    const responses = await Promise.all([
      raw(graph.url, { method: 'POST', headers: headers(), body: JSON.stringify({ query: '{ tenant(id: "ten_none") { id users { totalCount } } }' }) }),
      raw(graph.url, { method: 'POST', headers: headers(), body: JSON.stringify({ query: '{ user(id: "usr_none") { id } }' }) }),
      raw(graph.url, { method: 'POST', headers: headers(), body: '{' }),
    ]);
    for (const { text } of responses) {
      expect(text).not.toMatch(/stacktrace|\bat \w+ \(|select |insert |127\.0\.0\.1/i);
    }
  });

  it('GET /health answers 200 when every subgraph answers, 503 when one does not', async () => {
    const healthUrl = new URL('/health', graph.url).toString();
    const ok = await raw(healthUrl, { method: 'GET' });
    expect(ok.status).toBe(200);
    expect(ok.body.subgraphs).toEqual({ catalog: 'ok', entitlements: 'ok', subscriptions: 'ok', invoicing: 'ok' });

    // Liveness asks nobody: 200 while the gateway serves.
    const live = await raw(new URL('/health/live', graph.url).toString(), { method: 'GET' });
    expect([live.status, live.body]).toEqual([200, { status: 'ok' }]);

    const invoicing = graph.subgraphs.subgraphs.find((s) => s.name === 'invoicing')!;
    await invoicing.stop();
    // One readiness check serves every probe for a second: the next one sees invoicing gone.
    const down = await eventually(() => raw(healthUrl, { method: 'GET' }), (answer) => answer.status === 503, 3_000);
    expect(down.status).toBe(503);
    expect(down.body.subgraphs.invoicing).toBe('unavailable');
    expect((await raw(new URL('/health/live', graph.url).toString(), { method: 'GET' })).status).toBe(200);
    // The gateway keeps serving what the other subgraphs own.
    await stillServing();
  });
});
