/**
 * Issue 5's speed target: a billing run over 10,000 tenants with 3 subscriptions each
 * (30,000 cycle invoices, 90,000 lines: seats, add-ons, an account-level add-on, bought
 * licences, agent overage on the primary subscription, metered usage) through
 * the gateway: under 60 s and under 1 GB. Tenants, subscriptions, purchases and usage are
 * written straight into Invoicing's tables (as its replicas and consumers would hold
 * them); the run itself is the public `runBilling` mutation.
 */
import type { SubscriptionSnapshot } from '../subgraphs/kernel/integration-events';
import { newId } from '../subgraphs/kernel/ids';
import { InvoiceLine } from '../subgraphs/invoicing/entities/invoice.entity';
import { Purchase } from '../subgraphs/invoicing/entities/purchase.entity';
import { UsageReading } from '../subgraphs/invoicing/entities/usage-reading.entity';
import { SubscriptionReplica } from '../subgraphs/runtime/subscription-replica';
import { DirectoryTenant } from '../subgraphs/runtime/tenant-directory';
import { startGraph } from '../test/support/start-graph';

export interface InvoicingBench {
  readonly tenants: number;
  readonly invoices: number;
  readonly lines: number;
  readonly ms: number;
  /** Peak growth of the process's resident memory during the run (the whole graph runs in it). */
  readonly peakRssMb: number;
  /** The process's peak resident memory during the run: what the 1 GB target bounds. */
  readonly peakRssTotalMb: number;
}

export async function benchInvoicing(tenants = 10_000): Promise<InvoicingBench> {
  // One synchronous mutation bills everything, within the gateway's default time limit of a
  // mutation's subgraph call (SUBGRAPH_MUTATION_TIMEOUT_MS, two minutes).
  const graph = await startGraph({ recordSql: false });
  try {
    const em = graph.subgraphs.subgraphs.find((s) => s.name === 'invoicing')!.orm.em.fork();
    const created = new Date('2025-12-01T00:00:00Z');
    const term = (quantity: number, addOns: { addOnKey: string; quantity: number }[]) => ({
      startsAt: '2026-01-01T00:00:00.000Z',
      endsAt: '2027-01-01T00:00:00.000Z',
      items: [{ usageType: 'AGENT_STANDARD' as const, quantity, since: '2026-01-01T00:00:00.000Z' }],
      addOns,
    });
    for (let i = 0; i < tenants; i += 500) {
      const batch = Array.from({ length: Math.min(500, tenants - i) }, () => newId('ten', created));
      await em.insertMany(DirectoryTenant, batch.map((id, k) => ({ id, name: `Tenant ${i + k}`, createdAt: created })));
      const replicas: { id: string; tenantId: string; document: string }[] = [];
      const purchases: object[] = [];
      const readings: object[] = [];
      for (const tenantId of batch) {
        for (let s = 0; s < 3; s++) {
          const subscriptionId = newId('sub', new Date(created.getTime() + s));
          const snapshot: SubscriptionSnapshot = {
            subscriptionId,
            tenantId,
            name: `Subscription ${s}`,
            planKey: s === 0 ? 'aircall_professional' : 'aircall_essentials',
            licensingModel: 'NAMED',
            telephony: 'BUNDLED_PSTN',
            billingInterval: 'MONTHLY',
            originalStartsAt: '2026-01-01T00:00:00.000Z',
            terms: [term(10 + s, s === 0 ? [{ addOnKey: 'analytics_plus', quantity: 1 }] : [{ addOnKey: 'whatsapp', quantity: 2 }])],
          };
          replicas.push({ id: subscriptionId, tenantId, document: JSON.stringify(snapshot) });
          if (s === 0) {
            purchases.push({
              id: newId('pur', created),
              tenantId,
              addOnKey: 'whatsapp',
              quantity: 3,
              unitAmountMinor: 1000,
              currency: 'USD',
              purchasedAt: new Date('2025-12-15T00:00:00Z'),
              source: 'AUTO_PURCHASE',
              subscriptionId,
              actor: 'bench',
              idempotencyKey: null,
              requestFingerprint: null,
              selfServiceSlot: null,
            });
          }
        }
        readings.push({ id: newId('use', created), tenantId, usageType: 'AGENT_STANDARD', quantity: 40, at: new Date('2026-01-10T00:00:00Z') });
        readings.push({ id: newId('use', created), tenantId, usageType: 'WEBEX_CONNECT', quantity: 250, at: new Date('2026-01-12T00:00:00Z') });
      }
      await em.insertMany(SubscriptionReplica, replicas);
      await em.insertMany(Purchase, purchases as never[]);
      await em.insertMany(UsageReading, readings as never[]);
    }

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const start = process.hrtime.bigint();
    const data = await graph.ok(`mutation { runBilling(at: "2026-02-01T00:00:00Z") { invoicesIssued } }`);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const lines = await em.fork().count(InvoiceLine, {});
    return { tenants, invoices: data.runBilling.invoicesIssued, lines, ms, peakRssMb: (peak - baseline) / 2 ** 20, peakRssTotalMb: peak / 2 ** 20 };
  } finally {
    await graph.stop();
  }
}

if (require.main === module) {
  const json = process.argv.includes('--json');
  const tenants = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10_000);
  benchInvoicing(tenants)
    .then((result) => console.log(json ? JSON.stringify(result) : result))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
