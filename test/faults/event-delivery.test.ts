import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IntegrationEvent } from '../../subgraphs/kernel/integration-events';
import { OutboxMessage } from '../../subgraphs/runtime/outbox';
import type { EventBus } from '../../subgraphs/runtime/outbox';
import { aSubscription, aTenant } from '../support/arrange';
import { eventually } from '../support/eventually';
import { startGraph, type TestGraph } from '../support/start-graph';
import { customer } from '../support/tokens';

/**
 * Faults between subgraphs (ARCHITECTURE.md: nothing lost, nothing applied twice), with
 * the real subgraph servers stopped and started over databases that outlive them (SQLite
 * files, or PostgreSQL schemas), on the in-memory bus or NATS JetStream (NATS_URL).
 */

const TOGGLE = `mutation ($userId: ID!) { setAddOnAssignment(input: { userId: $userId, addOnKey: "whatsapp", enabled: true }) { purchased } }`;
const INVOICES = `query ($tenantId: ID!) { tenant(id: $tenantId) { invoices { id lineItems { kind quantity addOn { key } } } purchases { id source } } }`;

async function anAircallTenantWithUser(graph: TestGraph, existingTenantId?: string): Promise<{ tenantId: string; userId: string }> {
  const tenantId = existingTenantId ?? (await aTenant(graph));
  const subscriptionId = await aSubscription(graph, tenantId, { planKey: 'aircall_professional', telephony: 'BUNDLED_PSTN', endsAt: '2030-01-01T00:00:00Z' });
  const data = await graph.ok(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
    input: { tenantId, name: 'Agent', email: `agent-${Math.random().toString(36).slice(2)}@example.com`, role: 'AGENT', subscriptionId },
  });
  return { tenantId, userId: data.createUser.id };
}

describe('event delivery under faults', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'licensing-faults-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('R16, R27: a licence bought while Invoicing is stopped is invoiced exactly once after it starts again', async () => {
    const graph = await startGraph({ sqliteDirectory: directory });
    try {
      const tenant = await aTenant(graph);
      await graph.subgraphs.stopOne('invoicing');
      // The subscription too is created while Invoicing is down: when it is back, the
      // LicenseBought event (Entitlements) may reach it before SubscriptionChanged
      // (Subscriptions); it waits for the subscription rather than bill without it.
      const { tenantId, userId } = await anAircallTenantWithUser(graph, tenant);
      const owner = customer(tenantId, 'OWNER');
      // Entitlements keeps serving: the licence is bought and assigned.
      expect((await graph.ok(TOGGLE, { userId }, customer(tenantId, 'ADMIN'))).setAddOnAssignment.purchased).toBe(1);
      // Invoicing is down: its fields fail, masked, and the rest of the graph answers.
      const down = await graph.query(`query ($tenantId: ID!) { tenant(id: $tenantId) { id name invoices { id } } }`, { tenantId }, owner);
      expect(down.status).toBe(200);
      expect(down.body.data?.tenant).toMatchObject({ id: tenantId, name: expect.any(String) });
      expect(down.body.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(down.body.errors)).not.toMatch(/127\.0\.0\.1|localhost|https?:\/\/|ECONNREFUSED|\bat .+\(/i);

      await graph.subgraphs.startOne('invoicing');
      // The first request after the restart may meet a connection the gateway kept to
      // the stopped server; the graph answers again right after.
      const after = await eventually(
        async () => (await graph.query(INVOICES, { tenantId }, owner)).body.data?.tenant,
        (tenant) => (tenant?.invoices?.length ?? 0) > 0,
      );
      expect(after.purchases).toEqual([{ id: expect.stringMatching(/^pur_/), source: 'AUTO_PURCHASE' }]);
      expect(after.invoices).toHaveLength(1);
      expect(after.invoices[0].lineItems).toEqual([{ kind: 'PRORATION', quantity: 1, addOn: { key: 'whatsapp' } }]);

      // Every relay has delivered everything; a later delivery round changes nothing.
      for (const subgraph of graph.subgraphs.subgraphs) await subgraph.relay.deliver();
      const settled = (await graph.ok(INVOICES, { tenantId }, owner)).tenant;
      expect(settled.invoices).toHaveLength(1);
      expect(settled.purchases).toHaveLength(1);
    } finally {
      await graph.stop();
    }
  });

  it('R27: a licence bought on a renewal Invoicing has not heard of yet waits for it, and is invoiced once it arrives', async () => {
    // Invoicing refuses Subscriptions' announcements while `late` is set: the renewal
    // reaches Entitlements (which bills the purchase to it) before Invoicing.
    let late = false;
    const renewalArrivesLate = (bus: EventBus): EventBus => ({
      subscribe: (consumer, handler) =>
        bus.subscribe(consumer, async (event) => {
          if (late && consumer === 'invoicing' && event.type === 'SubscriptionChanged') throw new Error('not yet');
          await handler(event);
        }),
      unsubscribe: (consumer) => bus.unsubscribe(consumer),
      publish: (event) => bus.publish(event),
      ...(bus.close ? { close: () => bus.close!() } : {}),
    });
    const graph = await startGraph({ sqliteDirectory: directory, bus: renewalArrivesLate });
    try {
      const tenantId = await aTenant(graph);
      const subscriptionId = await aSubscription(graph, tenantId, {
        planKey: 'aircall_professional',
        telephony: 'BUNDLED_PSTN',
        startsAt: '2026-01-01T00:00:00Z',
        endsAt: '2026-07-01T00:00:00Z',
      });
      const user = await graph.ok(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
        input: { tenantId, name: 'Agent', email: 'late-renewal@example.com', role: 'AGENT', subscriptionId, at: '2026-01-02T00:00:00Z' },
      });
      late = true;
      await graph.ok(`mutation ($input: RenewSubscriptionInput!) { renewSubscription(input: $input) { id } }`, {
        input: { subscriptionId, endsAt: '2027-07-01T00:00:00Z', at: '2026-06-01T00:00:00Z' },
      });
      // Bought in the renewed term: billed to the subscription, which Invoicing knows only up to July.
      const bought = await graph.ok(
        `mutation ($userId: ID!) { setAddOnAssignment(input: { userId: $userId, addOnKey: "whatsapp", enabled: true, at: "2026-08-16T00:00:00Z" }) { purchased } }`,
        { userId: user.createUser.id },
      );
      expect(bought.setAddOnAssignment.purchased).toBe(1);
      const owner = customer(tenantId, 'OWNER');
      expect((await graph.ok(INVOICES, { tenantId }, owner)).tenant).toEqual({ invoices: [], purchases: [] });

      late = false;
      const after = await eventually(
        async () => (await graph.query(INVOICES, { tenantId }, owner)).body.data?.tenant,
        (tenant) => (tenant?.invoices?.length ?? 0) > 0,
      );
      expect(after.purchases).toEqual([{ id: expect.stringMatching(/^pur_/), source: 'AUTO_PURCHASE' }]);
      expect(after.invoices).toEqual([{ id: expect.any(String), lineItems: [{ kind: 'PRORATION', quantity: 1, addOn: { key: 'whatsapp' } }] }]);
      const PERIOD = `query ($id: ID!) { invoice(id: $id) { subscription { id } periodStart periodEnd } }`;
      expect((await graph.ok(PERIOD, { id: after.invoices[0].id })).invoice).toEqual({
        subscription: { id: subscriptionId },
        periodStart: '2026-08-16T00:00:00.000Z',
        periodEnd: '2026-09-01T00:00:00.000Z',
      });
    } finally {
      await graph.stop();
    }
  });

  it('a relay that crashes after publishing and before marking the row sent causes no duplicate line', async () => {
    const published: string[] = [];
    let crashed = false;
    // Between the crash and the restart the dead process publishes nothing (its relay's
    // poll would otherwise re-publish the row and the restart would prove nothing).
    let dead = false;
    // The transport the relay publishes to: the event reaches the bus, then the relay
    // "dies" before it can mark the row, once.
    const crashingOnce = (bus: EventBus): EventBus => ({
      subscribe: (consumer, handler) => bus.subscribe(consumer, handler),
      unsubscribe: (consumer) => bus.unsubscribe(consumer),
      publish: async (event: IntegrationEvent) => {
        if (dead) throw new Error('the process is down');
        await bus.publish(event);
        published.push(event.id);
        if (event.type === 'LicenseBought' && !crashed) {
          crashed = dead = true;
          throw new Error('relay crashed after publishing');
        }
      },
    });
    const graph = await startGraph({ sqliteDirectory: directory, bus: crashingOnce });
    try {
      const { tenantId, userId } = await anAircallTenantWithUser(graph);
      await graph.ok(TOGGLE, { userId }, customer(tenantId, 'ADMIN'));
      expect(crashed).toBe(true);

      // The crashed relay's process is restarted: the new relay finds the row unmarked.
      await graph.subgraphs.stopOne('entitlements');
      const beforeRestart = published.length;
      dead = false;
      await graph.subgraphs.startOne('entitlements');
      const entitlements = graph.subgraphs.subgraphs.find((s) => s.name === 'entitlements')!;
      const pending = await eventually(
        () => entitlements.orm.em.fork().count(OutboxMessage, { publishedAt: null }),
        (n) => n === 0,
      );
      expect(pending).toBe(0);

      const bought = published.filter((id, i) => published.indexOf(id) !== i);
      expect(bought).toHaveLength(1); // the LicenseBought event went out twice: the second time from the restarted relay
      expect(published.lastIndexOf(bought[0]!)).toBeGreaterThanOrEqual(beforeRestart);
      const tenant = (await graph.ok(INVOICES, { tenantId }, customer(tenantId, 'OWNER'))).tenant;
      expect(tenant.purchases).toHaveLength(1);
      expect(tenant.invoices).toHaveLength(1);
      expect(tenant.invoices[0].lineItems).toHaveLength(1);
    } finally {
      await graph.stop();
    }
  });
});
