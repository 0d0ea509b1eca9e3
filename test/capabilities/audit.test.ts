import { aPartner, aSubscription, aTenant } from '../support/arrange';
import { startGraph, type TestGraph } from '../support/start-graph';
import { customer } from '../support/tokens';

/**
 * R35: every change of a licence, pool, subscription, partner access, purchase and
 * invoice is recorded with who (the token's `sub`), when, what, the entity and before /
 * after, in the transaction of the change, in whichever subgraph it happens; the tenant's
 * log reads them all back, newest first, page by page.
 */
const LOG = /* GraphQL */ `
  query AuditLog($tenantId: ID!, $first: Int, $after: String) {
    tenant(id: $tenantId) {
      auditLog(first: $first, after: $after) {
        edges { cursor node { at actor action entityType entityId before after } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

interface Entry {
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
}

describe('R35 audit log through the gateway', () => {
  let graph: TestGraph;
  let tenantId: string;
  let userId: string;
  let partnerId: string;
  const admin = () => customer(tenantId, 'ADMIN', 'admin-alice');
  const owner = () => customer(tenantId, 'OWNER', 'owner-olga');

  async function wholeLog(pageSize = 3): Promise<Entry[]> {
    const entries: Entry[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const data: { tenant: { auditLog: { edges: { node: Entry }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } = await graph.ok(
        LOG,
        { tenantId, first: pageSize, after },
        owner(),
      );
      entries.push(...data.tenant.auditLog.edges.map((e) => e.node));
      if (!data.tenant.auditLog.pageInfo.hasNextPage) return entries;
      after = data.tenant.auditLog.pageInfo.endCursor;
    }
    throw new Error('the log does not end');
  }

  beforeAll(async () => {
    graph = await startGraph();
    const managing = await aPartner(graph, 'Managing');
    partnerId = await aPartner(graph, 'Second');
    tenantId = await aTenant(graph, { managingPartnerId: managing });
    const subscriptionId = await aSubscription(graph, tenantId, { planKey: 'aircall_professional', telephony: 'BUNDLED_PSTN', endsAt: '2030-01-01T00:00:00Z' });
    const user = await graph.ok(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      input: { tenantId, name: 'Agent', email: 'agent@audit.example', role: 'AGENT', subscriptionId },
    }, admin());
    userId = user.createUser.id;
    const set = `mutation ($u: ID!, $k: String!, $on: Boolean!) { setAddOnAssignment(input: { userId: $u, addOnKey: $k, enabled: $on }) { purchased } }`;
    await graph.ok(set, { u: userId, k: 'whatsapp', on: true }, admin()); // buys one licence (R16)
    await graph.ok(set, { u: userId, k: 'whatsapp', on: false }, admin());
    await graph.ok(`mutation ($t: ID!, $p: ID!) { addPartnerToTenant(tenantId: $t, partnerId: $p) { __typename } }`, { t: tenantId, p: partnerId });
    await graph.ok(`mutation ($t: ID!, $p: ID!) { grantPartnerFullAccess(tenantId: $t, partnerId: $p) { __typename } }`, { t: tenantId, p: partnerId }, owner());
    await graph.ok(`mutation ($t: ID!) { purchaseAddOn(input: { tenantId: $t, addOnKey: "webchat", quantity: 1, idempotencyKey: "audit-1" }) { id } }`, { t: tenantId }, owner());
  });
  afterAll(() => graph.stop());

  it('R35: changes in Subscriptions, Entitlements and Invoicing are all in the tenant log, with actor, entity and before / after', async () => {
    const log = await wholeLog();
    const actions = log.map((e) => e.action);
    expect(new Set(actions)).toEqual(
      new Set([
        'tenant.created',
        'partner_access.granted',
        'subscription.created',
        'user.created',
        'licences.bought',
        'licence.assigned',
        'licence.unassigned',
        'partner_access.changed',
        'purchase.created',
        'invoice.issued',
      ]),
    );
    const by = (action: string) => log.filter((e) => e.action === action);
    expect(by('licence.assigned')[0]).toMatchObject({ actor: 'admin-alice', entityType: 'Assignment' });
    expect(JSON.parse(by('licence.assigned')[0]!.after!)).toMatchObject({ userId, addOnKey: 'whatsapp', bought: 1, pool: { purchased: 1, assigned: 1, available: 0 } });
    expect(JSON.parse(by('licence.unassigned')[0]!.before!)).toMatchObject({ pool: { purchased: 1, assigned: 1, available: 0 } });
    expect(JSON.parse(by('licence.unassigned')[0]!.after!)).toMatchObject({ pool: { purchased: 1, assigned: 0, available: 1 } });
    expect(by('partner_access.changed')[0]).toMatchObject({ actor: 'owner-olga', entityId: partnerId, before: JSON.stringify({ access: 'READ_ONLY' }), after: JSON.stringify({ access: 'FULL' }) });
    expect(by('purchase.created')[0]).toMatchObject({ actor: 'owner-olga', entityType: 'Purchase' });
    // Invoices: the licence bought by toggling (issued for the admin who toggled) and the purchase's.
    expect(by('invoice.issued').map((e) => e.actor).sort()).toEqual(['admin-alice', 'owner-olga']);
    expect(by('subscription.created')[0]).toMatchObject({ actor: 'operator-1', entityType: 'Subscription' });
  });

  it('pages newest first, each entry once, whatever the page size', async () => {
    const bySmallPages = await wholeLog(2);
    const oneBigPage = await wholeLog(500);
    expect(bySmallPages).toEqual(oneBigPage);
    expect(new Set(oneBigPage.map((e) => JSON.stringify(e))).size).toBe(oneBigPage.length);
    const times = oneBigPage.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('a refused change records nothing (the entry is written in the transaction of the change)', async () => {
    const before = (await wholeLog(500)).length;
    expect(await graph.errorCode(`mutation ($t: ID!) { purchaseAddOn(input: { tenantId: $t, addOnKey: "webchat", quantity: 1, idempotencyKey: "audit-2" }) { id } }`, { t: tenantId }, owner())).toBe(
      'ALREADY_PURCHASED',
    );
    expect(await graph.errorCode(`mutation ($u: ID!) { setAddOnAssignment(input: { userId: $u, addOnKey: "no_such_add_on", enabled: true }) { purchased } }`, { u: userId }, admin())).toBe('NOT_FOUND');
    expect(await graph.errorCode(`mutation ($t: ID!, $p: ID!) { grantPartnerFullAccess(tenantId: $t, partnerId: $p) { __typename } }`, { t: tenantId, p: 'par_nobody' }, owner())).toBe('NOT_FOUND');
    expect((await wholeLog(500)).length).toBe(before);
  });

  it('R35, R31: purchases racing for one add-on: one is bought, and the log holds only its entries (a loser rolls back with its entry)', async () => {
    const racing = await aTenant(graph, { name: 'Racing' });
    await aSubscription(graph, racing, { planKey: 'aircall_professional', telephony: 'BUNDLED_PSTN' });
    const buy = (idempotencyKey: string) =>
      graph.query(`mutation ($input: PurchaseAddOnInput!) { purchaseAddOn(input: $input) { id } }`, { input: { tenantId: racing, addOnKey: 'whatsapp', quantity: 2, idempotencyKey } }, customer(racing, 'OWNER', 'owner-racing'));
    const answers = await Promise.all(['k1', 'k2', 'k3', 'k4', 'same', 'same'].map(buy));
    const bought = answers.filter((a) => !a.body.errors).map((a) => a.body.data!.purchaseAddOn.id as string);
    const refused = answers.filter((a) => a.body.errors).map((a) => a.body.errors![0]!.extensions?.code);
    expect(new Set(bought).size).toBe(1);
    expect(refused.every((code) => code === 'ALREADY_PURCHASED')).toBe(true);
    expect(bought.length + refused.length).toBe(6);

    const data = await graph.ok(
      `query ($t: ID!) { tenant(id: $t) { purchases { id } invoices { id } addOnPool(addOnKey: "whatsapp") { purchased } auditLog(first: 100) { edges { node { action entityId } } } } }`,
      { t: racing },
    );
    expect(data.tenant.purchases).toEqual([{ id: bought[0] }]);
    expect(data.tenant.invoices).toHaveLength(1);
    expect(data.tenant.addOnPool.purchased).toBe(2);
    const actions = data.tenant.auditLog.edges.map((e: { node: { action: string } }) => e.node.action).filter((a: string) => /^(purchase|invoice)\./.test(a));
    expect(actions.sort()).toEqual(['invoice.issued', 'purchase.created']);
  });

  it('R35: a backdated change is logged at the instant it took effect and with the time it was really made', async () => {
    const before = Date.now();
    await graph.ok(`mutation ($t: ID!) { switchTenantTelephony(tenantId: $t, telephony: "AIRCALL_TELEPHONY", at: "2026-02-01T00:00:00Z") { id } }`, { t: tenantId });
    const data = await graph.ok(`query ($t: ID!) { tenant(id: $t) { auditLog(first: 100) { edges { node { action at recordedAt actor } } } } }`, { t: tenantId }, owner());
    const switched = data.tenant.auditLog.edges.map((e: { node: { action: string } }) => e.node).filter((e: { action: string }) => e.action === 'tenant.telephony_switched');
    expect(switched).toHaveLength(1);
    expect(switched[0]).toMatchObject({ at: '2026-02-01T00:00:00.000Z', actor: 'operator-1' });
    expect(Date.parse(switched[0].recordedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(switched[0].recordedAt)).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("another tenant's users cannot read the log", async () => {
    const other = await aTenant(graph, { name: 'Other' });
    const response = await graph.query(LOG, { tenantId, first: 5 }, customer(other, 'OWNER'));
    expect(response.body.data?.tenant ?? null).toBeNull();
  });
});
