import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';

import { InFlightCalls } from './in-flight-calls';
import { createGatewayContext, SubgraphDataSource, type GatewayContext } from './subgraph-data-source';
import { CALL_KIND_HEADER, type SubgraphAnswer } from './subgraph-fetcher';
import { CALL_HEADER, PRINCIPAL_HEADER, type Principal } from '../subgraphs/kernel/principal';

/**
 * The gateway's subgraph client against a real HTTP server that counts what reaches it
 * and answers after a delay (so that calls overlap).
 */
describe('subgraph data source', () => {
  let server: Server;
  let url: string;
  let received: { body: string; principal: string | undefined; headers: IncomingMessage['headers'] }[];
  let answer: (req: IncomingMessage, body: string) => { status: number; body: string; delayMs?: number; contentType?: string } | null;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        received.push({ body, principal: req.headers[PRINCIPAL_HEADER] as string | undefined, headers: req.headers });
        const reply = answer(req, body);
        if (!reply) return; // never answers
        setTimeout(() => {
          res.statusCode = reply.status;
          res.setHeader('content-type', reply.contentType ?? 'application/json');
          res.end(reply.body);
        }, reply.delayMs ?? 40);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    received = [];
    answer = () => ({ status: 200, body: JSON.stringify({ data: { tenant: { id: 't1', users: [{ id: 'u1' }] } } }) });
  });

  const alice: Principal = { kind: 'customer', sub: 'alice', tenantId: 't1', role: 'ADMIN', scopes: ['licensing:read'] };
  const bob: Principal = { kind: 'customer', sub: 'bob', tenantId: 't1', role: 'ADMIN', scopes: ['licensing:read'] };
  const settings = { queryTimeoutMs: 2_000, mutationTimeoutMs: 2_000, deduplicate: true, gatewaySecret: 'data-source-test-secret' };

  function call(source: SubgraphDataSource, principal: Principal, operation: 'query' | 'mutation' = 'query', query = 'query Q { tenant { id } }') {
    const record = { id: `req-${principal.sub}`, operationName: null, operationType: null, principalKind: null, tenantId: null, errors: 0 };
    const context: GatewayContext = createGatewayContext(principal, 'secret', record);
    const options = {
      kind: 'incoming operation',
      request: { query, variables: { id: 't1' }, operationName: 'Q' },
      incomingRequestContext: { operation: { operation } },
      context,
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
    return source.process(options);
  }

  it('identical queries in flight for the same principal share one request, and each caller gets its own copy', async () => {
    const source = new SubgraphDataSource(url, settings, new InFlightCalls<SubgraphAnswer>());
    const answers = await Promise.all([call(source, alice), call(source, alice), call(source, alice)]);
    expect(received).toHaveLength(1);
    // Signed for its body; the call's kind, meant for the fetcher, never leaves the gateway.
    expect(received[0]!.headers[CALL_HEADER]).toEqual(expect.any(String));
    expect(received[0]!.headers[CALL_KIND_HEADER]).toBeUndefined();
    expect(answers[0]!.data).toEqual({ tenant: { id: 't1', users: [{ id: 'u1' }] } });
    expect(answers[1]!.data).toEqual(answers[0]!.data);
    // The gateway merges into what it receives: one caller's changes must not reach another.
    expect(answers[1]!.data).not.toBe(answers[0]!.data);
    ((answers[0]!.data as { tenant: { id: string } }).tenant).id = 'changed';
    expect((answers[1]!.data as { tenant: { id: string } }).tenant.id).toBe('t1');
    // Once answered, the next identical query is a new request.
    await call(source, alice);
    expect(received).toHaveLength(2);
  });

  it('never shares between principals, between different queries, or when switched off', async () => {
    const source = new SubgraphDataSource(url, settings, new InFlightCalls<SubgraphAnswer>());
    await Promise.all([call(source, alice), call(source, bob), call(source, alice, 'query', 'query Q { tenant { id name } }')]);
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.principal)).size).toBe(2);

    received = [];
    const off = new SubgraphDataSource(url, { ...settings, deduplicate: false }, new InFlightCalls<SubgraphAnswer>());
    await Promise.all([call(off, alice), call(off, alice)]);
    expect(received).toHaveLength(2);
  });

  it('shares nothing between two gateways: each has its own calls in flight', async () => {
    const one = new SubgraphDataSource(url, settings, new InFlightCalls<SubgraphAnswer>());
    const other = new SubgraphDataSource(url, settings, new InFlightCalls<SubgraphAnswer>());
    await Promise.all([call(one, alice), call(other, alice)]);
    expect(received).toHaveLength(2);
  });

  it('never shares mutations, and a query sent after a mutation ended does not join one started before it', async () => {
    const source = new SubgraphDataSource(url, settings, new InFlightCalls<SubgraphAnswer>());
    await Promise.all([call(source, alice, 'mutation'), call(source, alice, 'mutation')]);
    expect(received).toHaveLength(2);

    received = [];
    answer = (_req, body) => ({ status: 200, body: JSON.stringify({ data: {} }), delayMs: body.includes('mutation') ? 20 : 300 });
    const before = call(source, alice); // in flight while the mutation runs and ends
    await call(source, alice, 'mutation', 'mutation M { toggle }');
    const after = call(source, alice); // the client has its mutation's answer: this read must be fresh
    await Promise.all([before, after]);
    expect(received.map((r) => r.body.includes('mutation'))).toEqual([false, true, false]);
  });

  it('gives up after the time limit, and reports a subgraph that refuses the call', async () => {
    answer = () => null;
    const slow = new SubgraphDataSource(url, { ...settings, queryTimeoutMs: 100 }, new InFlightCalls<SubgraphAnswer>());
    await expect(call(slow, alice)).rejects.toThrow('no answer within 100 ms');

    answer = () => ({ status: 401, body: JSON.stringify({ errors: [{ message: 'no principal' }] }) });
    await expect(call(new SubgraphDataSource(url, settings, new InFlightCalls<SubgraphAnswer>()), bob)).rejects.toMatchObject({ message: '401: Unauthorized', extensions: { code: 'UNAUTHENTICATED' } });
    answer = () => ({ status: 502, body: 'bad gateway', contentType: 'text/plain' });
    await expect(call(new SubgraphDataSource(url, settings, new InFlightCalls<SubgraphAnswer>()), bob)).rejects.toThrow('502: Bad Gateway');
  });
});
