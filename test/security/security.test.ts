import { createServer, type Server, type Socket } from 'node:net';

import { SignJWT, UnsecuredJWT } from 'jose';
import { serverAudits } from 'graphql-http';

import { startGraph, type TestGraph } from '../support/start-graph';
import { tokenFor } from '../support/tokens';

/**
 * What a GraphQL security scanner tries, against the gateway as production runs it
 * (NODE_ENV=production: introspection off, schema details hidden): each attempt must be
 * refused with the right status and code, and the gateway must keep answering after it.
 * Plus the GraphQL over HTTP spec's server audits (graphql-http).
 */

const SECRET = 'security-suite-secret-of-at-least-32-bytes';
const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: SECRET,
  SUBGRAPH_TIMEOUT_MS: '1000',
  SUBGRAPH_MUTATION_TIMEOUT_MS: '2500',
};

/** A field name one letter off: GraphQL's validation suggests the right one unless told not to. */
const TYPO = '{ plans { kee } }';

interface Raw {
  status: number;
  text: string;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } | null;
}

describe('security: what a scanner tries, refused, and the gateway keeps answering', () => {
  let graph: TestGraph;
  let token: string;
  // A "subgraph" that accepts connections and never answers.
  let silent: Server;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    graph = await startGraph({ gatewayEnv: PRODUCTION, subgraphUrls: (urls) => ({ ...urls, invoicing: `http://127.0.0.1:${port}/graphql` }) });
    token = await signed({ scope: 'licensing:provision' });
  });
  afterAll(async () => {
    await graph.stop();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  function signed(claims: Record<string, unknown>, options: { secret?: string; audience?: string; expiresIn?: number; issuedAt?: number | null } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('scanner')
      .setIssuer('licensing-dev')
      .setAudience(options.audience ?? 'licensing-graph')
      .setExpirationTime(now + (options.expiresIn ?? 600));
    if (options.issuedAt !== null) jwt.setIssuedAt(options.issuedAt ?? now);
    return jwt.sign(new TextEncoder().encode(options.secret ?? SECRET));
  }

  async function send(init: { method?: string; body?: string; headers?: Record<string, string>; search?: string; auth?: string | null }): Promise<Raw> {
    const headers: Record<string, string> = { ...(init.method === 'GET' ? {} : { 'content-type': 'application/json' }), ...init.headers };
    const auth = init.auth === undefined ? token : init.auth;
    if (auth) headers.authorization = `Bearer ${auth}`;
    const response = await fetch(`${graph.url}${init.search ?? ''}`, { method: init.method ?? 'POST', headers, ...(init.body === undefined ? {} : { body: init.body }) });
    const text = await response.text();
    let body: Raw['body'] = null;
    try {
      body = JSON.parse(text) as Raw['body'];
    } catch {
      body = null;
    }
    return { status: response.status, text, body };
  }
  const post = (query: string, auth?: string | null) => send({ body: JSON.stringify({ query }), auth });

  /** After every attack: the gateway still answers a plain query. */
  async function stillServing(): Promise<void> {
    const ok = await post('{ plans { key } }');
    expect(ok.status).toBe(200);
    expect(ok.body?.errors).toBeUndefined();
  }

  it('introspection is off and field suggestions are hidden in production', async () => {
    const introspection = await post('{ __schema { types { name } } }');
    expect(introspection.status).toBe(400);
    expect(introspection.body?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // Outside production the same typo is answered with a suggestion (the conformance
    // graph below checks that), so this proves the suggestion is hidden, not absent.
    const typo = await post(TYPO);
    expect(typo.status).toBe(400);
    expect(typo.body?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo.text).not.toMatch(/did you mean|"key"|"name"/i);
    await stillServing();
  });

  it('no suggestion anywhere in production: not for an enum value in a variable, nor for a field', async () => {
    const enumInVariable = await send({
      body: JSON.stringify({ query: 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', variables: { input: { tenantId: 'ten_x', name: 'A', email: 'a@example.com', role: 'OWNR' } } }),
    });
    expect(enumInVariable.status).toBe(400);
    expect(enumInVariable.body?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(enumInVariable.body?.errors?.[0]?.message).toMatch(/does not exist in "UserRole" enum\.$/);
    expect(enumInVariable.text).not.toMatch(/did you mean|OWNER|suggestion/i);
    const inputField = await send({
      body: JSON.stringify({ query: 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', variables: { input: { tenantId: 'ten_x', nam: 'A', email: 'a@example.com', role: 'OWNER' } } }),
    });
    expect(inputField.status).toBe(400);
    expect(inputField.text).not.toMatch(/did you mean|suggestion/i);
    await stillServing();
  });

  it('an error never echoes input whole: a 900 kB value comes back as its first characters and its length', async () => {
    const email = `${'a'.repeat(900_000)}@example.com`;
    const wrongType = await send({ body: JSON.stringify({ query: 'query ($id: ID!) { tenant(id: $id) { id } }', variables: { id: { email } } }) });
    expect(wrongType.status).toBe(400);
    expect(wrongType.text.length).toBeLessThan(2_000);
    expect(wrongType.text).toMatch(/\(900012 characters\)/);
    const tenant = await post('mutation { createTenant(input: { name: "Echo" }) { id } }');
    const tenantId = (tenant.body?.data as { createTenant: { id: string } }).createTenant.id;
    const domain = await send({
      body: JSON.stringify({ query: 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', variables: { input: { tenantId, name: 'A', email: 'x'.repeat(900_000), role: 'AGENT' } } }),
    });
    expect(domain.body?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(domain.text.length).toBeLessThan(2_000);
    await stillServing();
  });

  it("graphql-cop's 14 checks are all refused", async () => {
    const found: string[] = [];
    const check = (name: string, refused: boolean) => void (refused ? null : found.push(name));
    const refusedWith400 = (raw: Raw) => raw.status === 400 && (raw.body?.errors?.length ?? 0) > 0 && raw.body?.data === undefined;
    // 1. Alias overloading: 101 aliases of __typename.
    check('alias overloading', refusedWith400(await post(`query cop { ${Array.from({ length: 101 }, (_, i) => `alias${i}:__typename`).join(' ')} }`)));
    // 2. Field duplication: 500 copies of one field.
    check('field duplication', refusedWith400(await post(`query cop { ${'__typename '.repeat(500)}}`)));
    // 3. Directive overloading: ten unknown directives must not be answered with ten errors.
    const directives = await post('query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }');
    check('directive overloading', directives.status === 400 && (directives.body?.errors?.length ?? 0) < 10);
    // 4. Batching.
    check('batch queries', (await send({ body: JSON.stringify(Array.from({ length: 11 }, () => ({ query: 'query cop { __typename }' }))) })).status === 400);
    // 5, 6. Introspection, and a circular query through it.
    check('introspection', refusedWith400(await post('query cop { __schema { types { name fields { name } } } }')));
    check('circular introspection', refusedWith400(await post('query cop { __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }')));
    // 7. Field suggestions.
    check('field suggestions', !/did you mean/i.test((await post('query cop { __schema { directive } }')).text));
    // 8. Trace mode.
    check('trace mode', !/tracing|"exception"|stacktrace/i.test((await post('query cop { __typename }')).text));
    // 9. Server type through an unhandled error.
    const unhandled = await post('qwerty cop { abc }');
    check('unhandled error', unhandled.status === 400 && !/apollo|graphql-js|stacktrace|\bat .+\(/i.test(unhandled.text));
    // 10 to 12. CSRF: GET without preflight, a GET mutation, url-encoded POST.
    check('GET without preflight', (await send({ method: 'GET', search: `?query=${encodeURIComponent('query cop {__typename}')}` })).status === 400);
    check('GET mutation', (await send({ method: 'GET', search: `?query=${encodeURIComponent('mutation cop {__typename}')}`, headers: { 'apollo-require-preflight': '1' } })).status === 405);
    check('url-encoded POST', (await send({ body: `query=${encodeURIComponent('query cop {__typename}')}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status === 400);
    // 13. An IDE at the graph's URL (or beside it).
    const html = await fetch(graph.url, { headers: { accept: 'text/html' } });
    check('IDE at the graph', !/<html/i.test(await html.text()));
    for (const path of ['/graphiql', '/playground', '/console']) check(`IDE at ${path}`, (await fetch(graph.url.replace('/graphql', path))).status === 404);
    // 14. Circular fragments.
    check('circular fragment', refusedWith400(await post('query { __typename ...A } fragment A on Query { __typename ...B } fragment B on Query { ...A }')));
    expect(found).toEqual([]);
    await stillServing();
  });

  it('deep and circular queries are refused', async () => {
    // A cycle the schema allows: user → tenant → users → node → tenant → users ...
    let cycle = 'id';
    for (let i = 0; i < 8; i++) cycle = `tenant { users(first: 1) { edges { node { ${cycle} } } } }`;
    const circular = await post(`{ user(id: "usr_x") { ${cycle} } }`);
    expect(circular.status).toBe(400);
    expect(circular.body?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(circular.body?.errors?.map((e) => e.message).join(' ')).toMatch(/depth limit/i);
    await stillServing();
  });

  it('alias overloading, batching and directive overloading are refused', async () => {
    const aliases = await post(`{ ${Array.from({ length: 100 }, (_, i) => `a${i}: plans { key }`).join(' ')} }`);
    expect(aliases.status).toBe(400);
    expect(aliases.body?.errors?.[0]?.message).toMatch(/aliases limit/i);
    const batch = await send({ body: JSON.stringify([{ query: '{ plans { key } }' }, { query: '{ plans { key } }' }]) });
    expect(batch.status).toBe(400);
    expect(batch.text).toMatch(/batch/i);
    // 30 directives, each valid where it stands (the same field, merged): only the limit refuses them.
    const directives = await post(`{ plans { ${'key @include(if: true) '.repeat(30)}} }`);
    expect(directives.status).toBe(400);
    expect(directives.body?.errors?.[0]?.message).toMatch(/directives limit/i);
    expect((await post(`{ plans { ${'key @include(if: true) '.repeat(20)}} }`)).status).toBe(200);
    const tokens = await post(`{ plans { ${'key '.repeat(3000)}} }`);
    expect(tokens.status).toBe(400);
    expect(tokens.body?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    await stillServing();
  });

  it('a query within the depth, alias and token limits that would cost too much is refused', async () => {
    // Depth 9, no alias, about 40 tokens; two pages of 500 users nested: far over the cost limit.
    const costly = await post('{ tenant(id: "ten_x") { users(first: 500) { edges { node { tenant { users(first: 500) { edges { node { id name email } } } } } } } } }');
    expect(costly.status).toBe(400);
    expect(costly.body?.errors?.[0]?.message).toMatch(/cost limit/i);
    expect((await post('{ tenant(id: "ten_x") { users(first: 5) { edges { node { id name email } } } } }')).status).toBe(200);
    await stillServing();
  });

  it('GET cannot mutate, and CSRF prevention refuses simple requests', async () => {
    const mutation = encodeURIComponent('mutation { createPartner(input: { name: "csrf" }) { id } }');
    const getMutation = await send({ method: 'GET', search: `?query=${mutation}`, headers: { 'apollo-require-preflight': 'true' } });
    expect(getMutation.status).toBe(405);
    const simpleGet = await send({ method: 'GET', search: `?query=${encodeURIComponent('{ plans { key } }')}` });
    expect(simpleGet.status).toBe(400);
    const textPlain = await send({ body: JSON.stringify({ query: '{ plans { key } }' }), headers: { 'content-type': 'text/plain' } });
    expect(textPlain.status).toBe(400);
    // A GET query with a preflight-forcing header is fine.
    const allowed = await send({ method: 'GET', search: `?query=${encodeURIComponent('{ plans { key } }')}`, headers: { 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
    await stillServing();
  });

  it('oversized bodies get 413 and malformed JSON 400', async () => {
    const huge = await send({ body: JSON.stringify({ query: `{ plans { key } }`, variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }) });
    expect(huge.status).toBe(413);
    const malformed = await send({ body: '{"query": "{ plans { key } }"' });
    expect(malformed.status).toBe(400);
    await stillServing();
  });

  it('tokens: alg none, wrong key, expired and wrong audience are refused with 401', async () => {
    const none = new UnsecuredJWT({ scope: 'licensing:provision' }).setSubject('x').setIssuer('licensing-dev').setAudience('licensing-graph').setExpirationTime('10m').encode();
    const attempts = [
      none,
      await signed({ scope: 'licensing:provision' }, { secret: 'not-the-secret' }),
      await signed({ scope: 'licensing:provision' }, { expiresIn: -60 }),
      await signed({ scope: 'licensing:provision' }, { audience: 'someone-else' }),
      await tokenFor({ scope: 'licensing:provision' }), // the development secret: not this deployment's
    ];
    for (const attempt of attempts) {
      const refused = await post('{ plans { key } }', attempt);
      expect(refused.status).toBe(401);
      expect(refused.body?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await post('{ plans { key } }', null)).status).toBe(401);
    await stillServing();
  });

  it('tokens live at most a day (AUTH_MAX_TOKEN_LIFETIME_SECONDS) and are never issued in the future', async () => {
    const day = 24 * 60 * 60;
    const now = Math.floor(Date.now() / 1000);
    const refusedTokens = {
      'a century': await signed({ scope: 'licensing:provision' }, { expiresIn: 100 * 365 * day }),
      'a century, without iat': await signed({ scope: 'licensing:provision' }, { expiresIn: 100 * 365 * day, issuedAt: null }),
      'issued in an hour': await signed({ scope: 'licensing:provision' }, { expiresIn: 2 * 3600, issuedAt: now + 3600 }),
      'a day and a second': await signed({ scope: 'licensing:provision' }, { expiresIn: day + 1 }),
    };
    for (const [what, attempt] of Object.entries(refusedTokens)) {
      const refused = await post('{ plans { key } }', attempt);
      expect([what, refused.status, refused.body?.errors?.[0]?.extensions?.code]).toEqual([what, 401, 'UNAUTHENTICATED']);
    }
    expect((await post('{ plans { key } }', await signed({ scope: 'licensing:provision' }, { expiresIn: day }))).status).toBe(200);
    // Issued a little ahead of our clock (another host's skew) and a day long: accepted.
    expect((await post('{ plans { key } }', await signed({ scope: 'licensing:provision' }, { expiresIn: day + 30, issuedAt: now + 30 }))).status).toBe(200);
    expect((await post('{ plans { key } }', await signed({ scope: 'licensing:provision' }, { expiresIn: 3600, issuedAt: null }))).status).toBe(200);
    await stillServing();
  });

  it('a subgraph that never answers: its fields fail within the time limit, masked; the rest of the graph answers', async () => {
    const started = Date.now();
    // invoice(id) lives in Invoicing (the silent one); plans in Catalog.
    const partial = await post('{ plans { key } invoice(id: "inv_x") { id } }');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(partial.status).toBe(200);
    expect((partial.body?.data as { plans: unknown[] }).plans.length).toBeGreaterThan(0);
    expect(partial.body?.errors?.length).toBeGreaterThan(0);
    expect(partial.text).not.toMatch(/127\.0\.0\.1|localhost|https?:\/\/|\bat .+\(|select |insert /i);
    await stillServing();
  });

  it('a call made for a mutation gets the longer mutation time limit, then fails masked', async () => {
    // runBilling lives in Invoicing (the silent one): held for the mutation limit (2.5 s here), not the query limit (1 s).
    const started = Date.now();
    const billing = await post('mutation { runBilling(at: "2026-01-01T00:00:00Z") { invoicesIssued } }');
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(2_400);
    expect(waited).toBeLessThan(6_000);
    expect(billing.body?.errors?.length).toBeGreaterThan(0);
    expect(billing.text).not.toMatch(/127\.0\.0\.1|localhost|https?:\/\/|\bat .+\(/i);
    await stillServing();
  });
});

describe('GraphQL over HTTP conformance', () => {
  // The audits' probes are introspection queries (`__type`), which production refuses;
  // the HTTP behaviour they check is the same in every mode, so they run in test mode.
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph.stop());

  it('outside production a typo gets a suggestion: the production check above hides a real one', async () => {
    const response = await fetch(graph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor({ scope: 'licensing:provision' })}` },
      body: JSON.stringify({ query: TYPO }),
    });
    expect(await response.text()).toMatch(/did you mean/i);
  });

  it('passes the GraphQL over HTTP server audits (graphql-http) with no error', async () => {
    const token = await tokenFor({ scope: 'licensing:provision' });
    const authed: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    };
    const failures: string[] = [];
    const audits = serverAudits({ url: graph.url, fetchFn: authed });
    expect(audits.length).toBeGreaterThan(20);
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status === 'error') failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });
});
