import { aSubscription, aTenant, CREATE_SUBSCRIPTION, subscriptionInput } from './support/arrange';
import { OPERATOR, startGraph, type TestGraph } from './support/start-graph';
import { customer, tokenFor } from './support/tokens';

/**
 * Input no subgraph may receive is refused at the gateway, before anything is planned:
 * BAD_USER_INPUT (HTTP 400) naming where it was, and nothing changed. An operation that
 * cannot be chosen is the client's mistake too (400), never an internal error.
 */
describe('bad input through the gateway (issue 16, hardening items 4 to 6)', () => {
  let graph: TestGraph;
  let tenantId: string;

  beforeAll(async () => {
    graph = await startGraph();
    tenantId = await aTenant(graph, { name: 'Input tenant' });
    await aSubscription(graph, tenantId);
  });
  afterAll(() => graph?.stop());

  const PRIMARY = `query ($id: ID!, $at: DateTime) { tenant(id: $id) { primarySubscription(at: $at) { id } } }`;
  const subscriptionCount = async () => (await graph.ok(`query ($id: ID!) { tenant(id: $id) { subscriptions { id } } }`, { id: tenantId })).tenant.subscriptions.length;

  it.each(['not a date', '2026-13-45T00:00:00Z', '2026-01-01T00:00:00', '2026-01-01', '2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z'])(
    'an invalid DateTime (%s) is BAD_USER_INPUT naming the argument, as a variable and as a literal',
    async (at) => {
      const asVariable = await graph.query(PRIMARY, { id: tenantId, at });
      expect(asVariable.status).toBe(400);
      expect(asVariable.body.errors).toEqual([{ message: expect.stringMatching(/^\$at: DateTime must be an ISO-8601 instant/), extensions: { code: 'BAD_USER_INPUT' } }]);
      const asLiteral = await graph.query(`query ($id: ID!) { tenant(id: $id) { primarySubscription(at: ${JSON.stringify(at)}) { id } } }`, { id: tenantId });
      expect(asLiteral.status).toBe(400);
      expect(asLiteral.body.errors).toEqual([
        { message: expect.stringMatching(/^argument "at" of Tenant\.primarySubscription: DateTime must be/), extensions: { code: 'BAD_USER_INPUT' } },
      ]);
    },
  );

  it('a DateTime that is not a string is refused, and a valid one with an offset is read in UTC', async () => {
    expect(await graph.errorCode(`query ($id: ID!) { tenant(id: $id) { primarySubscription(at: 20260101) { id } } }`, { id: tenantId })).toBe('BAD_USER_INPUT');
    expect(await graph.errorCode(PRIMARY, { id: tenantId, at: 1767225600000 })).toBe('BAD_USER_INPUT');
    const data = await graph.ok(PRIMARY, { id: tenantId, at: '2026-06-30T02:00:00+02:00' });
    expect(data.tenant.primarySubscription).not.toBeNull();
  });

  it('an invalid DateTime deep in a mutation input changes nothing', async () => {
    const before = await subscriptionCount();
    const input = subscriptionInput(tenantId, { startsAt: '2026-02-30T00:00:00Z' });
    const answer = await graph.query(CREATE_SUBSCRIPTION, { input });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]).toEqual({ message: expect.stringMatching(/^\$input\.startsAt: DateTime must be/), extensions: { code: 'BAD_USER_INPUT' } });
    expect(await subscriptionCount()).toBe(before);
  });

  it.each([
    ['a name', { name: 'Bad\u0000name', email: 'ok@example.com', idempotencyKey: 'k1' }, /\$input\.name/],
    ['an e-mail', { name: 'Fine', email: 'bad\u0000@example.com', idempotencyKey: 'k2' }, /\$input\.email/],
    ['a name (a bell)', { name: 'Bad\u0007name', email: 'ok@example.com', idempotencyKey: 'k3' }, /\$input\.name/],
  ])('a control character in %s is BAD_USER_INPUT naming it, and nothing is created', async (_what, fields, place) => {
    const users = async () => (await graph.ok(`query ($id: ID!) { tenant(id: $id) { users { totalCount } } }`, { id: tenantId })).tenant.users.totalCount;
    const before = await users();
    const answer = await graph.query(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      input: { tenantId, name: fields.name, email: fields.email, role: 'AGENT' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.body.errors?.[0]?.message).toMatch(place);
    expect(answer.body.errors?.[0]?.message).toMatch(/control characters/);
    expect(await users()).toBe(before);
  });

  it('a NUL in a literal, and in an idempotency key, is BAD_USER_INPUT; tabs and line breaks are text', async () => {
    const literal = await graph.query(`mutation { createTenant(input: { name: "nul\\u0000here" }) { id } }`);
    expect(literal.status).toBe(400);
    expect(literal.body.errors?.[0]).toEqual({ message: expect.stringMatching(/^argument "input\.name" of Mutation\.createTenant: text must not contain control characters/), extensions: { code: 'BAD_USER_INPUT' } });
    const purchase = await graph.query(
      `mutation ($input: PurchaseAddOnInput!) { purchaseAddOn(input: $input) { id } }`,
      { input: { tenantId, addOnKey: 'whatsapp', quantity: 1, idempotencyKey: 'key\u0000' } },
      customer(tenantId, 'OWNER'),
    );
    expect(purchase.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^\$input\.idempotencyKey/), extensions: { code: 'BAD_USER_INPUT' } });
    const named = await graph.ok(`mutation ($name: String!) { createTenant(input: { name: $name }) { id name } }`, { name: 'Tab\there' });
    expect(named.createTenant.name).toBe('Tab\there');
  });

  it('an unknown operationName, or several operations and none named, is 400 OPERATION_RESOLUTION_FAILURE; a named one runs', async () => {
    const document = `query A { plans(productLine: ZOOM_CONTACT_CENTER) { key } } query B { __typename }`;
    const post = async (body: unknown) => {
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(OPERATOR)}` };
      const response = await fetch(graph.url, { method: 'POST', headers, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
    };
    const unnamed = await post({ query: document });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
    const unknown = await post({ query: document, operationName: 'C' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
    const named = await post({ query: document, operationName: 'B' });
    expect(named.status).toBe(200);
    expect(named.body.data).toEqual({ __typename: 'Query' });
  });
});
