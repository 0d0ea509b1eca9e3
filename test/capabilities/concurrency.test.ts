import { aSubscription, aTenant } from '../support/arrange';
import { startGraph, type TestGraph } from '../support/start-graph';
import { customer } from '../support/tokens';

const LOGIN = /* GraphQL */ `mutation AgentLogin($userId: ID!, $at: DateTime) { agentLogin(userId: $userId, at: $at) { id startedAt } }`;
const LOGOUT = /* GraphQL */ `mutation AgentLogout($userId: ID!, $at: DateTime) { agentLogout(userId: $userId, at: $at) { id startedAt endedAt } }`;
const CONCURRENCY = /* GraphQL */ `
  query Concurrency($tenantId: ID!, $from: DateTime!, $to: DateTime!) {
    tenant(id: $tenantId) { concurrency(from: $from, to: $to) { seats peak billableExcess { from to seats } } }
  }
`;

const at = (minutes: number) => new Date(Date.UTC(2026, 5, 1, 8, 0, 0) + minutes * 60_000).toISOString();

async function agent(graph: TestGraph, tenantId: string, subscriptionId: string): Promise<string> {
  const n = Math.random().toString(36).slice(2, 10);
  const data = await graph.ok(/* GraphQL */ `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
    input: { tenantId, name: `Agent ${n}`, email: `agent-${n}@example.com`, role: 'AGENT', subscriptionId },
  });
  return data.createUser.id;
}

describe('concurrent licences (R22, R23) through the gateway', () => {
  let graph: TestGraph;
  let tenantId: string;
  let agents: string[];
  beforeAll(async () => {
    graph = await startGraph();
    tenantId = await aTenant(graph);
    const subscriptionId = await aSubscription(graph, tenantId, {
      licensingModel: 'CONCURRENT',
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: '2027-01-01T00:00:00Z',
      items: [{ usageType: 'AGENT_STANDARD', quantity: 2 }],
    });
    agents = [];
    for (let i = 0; i < 4; i++) agents.push(await agent(graph, tenantId, subscriptionId));
  });
  afterAll(() => graph?.stop());

  it('R22, R23: sessions are recorded; 3 agents on 2 seats for 20 minutes is free, for 45 minutes one billable seat', async () => {
    for (const id of agents.slice(0, 2)) await graph.ok(LOGIN, { userId: id, at: at(0) });
    const login = await graph.ok(LOGIN, { userId: agents[2], at: at(60) });
    expect(login.agentLogin.startedAt).toBe(at(60));
    const logout = await graph.ok(LOGOUT, { userId: agents[2], at: at(80) });
    expect(logout.agentLogout).toMatchObject({ startedAt: at(60), endedAt: at(80) });
    await graph.ok(LOGIN, { userId: agents[2], at: at(120) });
    await graph.ok(LOGOUT, { userId: agents[2], at: at(165) });
    const day = { tenantId, from: at(-60), to: at(24 * 60) };
    expect((await graph.ok(CONCURRENCY, day)).tenant.concurrency).toEqual({
      seats: 2,
      peak: 3,
      billableExcess: [{ from: at(120), to: at(165), seats: 1 }],
    });
    // The two first agents never logged out: their sessions run to the end of the period.
    expect((await graph.ok(CONCURRENCY, { tenantId, from: at(200), to: at(300) })).tenant.concurrency).toEqual({ seats: 2, peak: 2, billableExcess: [] });
  });

  it('R22: logout before login, logout without a session and a second login are refused', async () => {
    const id = agents[3]!;
    expect(await graph.errorCode(LOGOUT, { userId: id, at: at(10) })).toBe('BAD_USER_INPUT');
    await graph.ok(LOGIN, { userId: id, at: at(500) });
    expect(await graph.errorCode(LOGIN, { userId: id, at: at(501) })).toBe('BAD_USER_INPUT');
    expect(await graph.errorCode(LOGOUT, { userId: id, at: at(499) })).toBe('BAD_USER_INPUT');
    await graph.ok(LOGOUT, { userId: id, at: at(560) });
  });

  it('R22: an agent records its own sessions only; a NAMED tenant records none', async () => {
    const asAgent = (sub: string) => ({ ...customer(tenantId, 'AGENT'), sub });
    const own = await graph.query(LOGIN, { userId: agents[3] }, asAgent(agents[3]!));
    expect(own.body.errors).toBeUndefined();
    await graph.ok(LOGOUT, { userId: agents[3] }, asAgent(agents[3]!));
    expect(await graph.errorCode(LOGIN, { userId: agents[3] }, asAgent(agents[0]!))).toBe('FORBIDDEN');
    const named = await aTenant(graph);
    const namedAgent = await agent(graph, named, await aSubscription(graph, named));
    expect(await graph.errorCode(LOGIN, { userId: namedAgent })).toBe('BAD_USER_INPUT');
  });

  it('refuses a period that ends before it starts', async () => {
    expect(await graph.errorCode(CONCURRENCY, { tenantId, from: at(10), to: at(0) })).toBe('BAD_USER_INPUT');
  });
});
