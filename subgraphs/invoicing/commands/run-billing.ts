import type { SqlEntityManager } from '@mikro-orm/knex';

import { calendarMonthSpan, cyclesEndedBy, type BillingCycle } from '../../kernel/billing-cycle';
import type { Interval } from '../../kernel/instant';
import { recordAudit, type AuditChange } from '../../runtime/audit';
import { isUniqueViolation } from '../../runtime/orm';
import { DirectoryTenant } from '../../runtime/tenant-directory';
import { draftCycleInvoice, excessStretchesOfTenants, loadPriceList, accountRecordsOfTenants, readingsOfTenants, type PriceList } from '../queries/billing-inputs';
import { Invoice } from '../entities/invoice.entity';
import { subscriptionsOfTenants, type BilledSubscription } from '../queries/tenant-subscriptions';
import { invoiceIssued, persistInvoice } from './issue-invoice';

/** Tenants billed per transaction: bounded memory and bounded transactions, whatever the number of tenants. */
export const BILLING_BATCH = 500;

export function cycleIssueKey(subscriptionId: string, cycle: Interval): string {
  return `cycle:${subscriptionId}:${cycle.start.toISOString()}`;
}

/**
 * Issues every cycle invoice whose cycle ended at or before `at` and is not issued yet,
 * for one tenant or all. Idempotent: a cycle's issue key is unique, so a second run (or
 * two runs racing) issues nothing twice. Tenants are billed in batches of BILLING_BATCH,
 * each in its own transaction with a fixed number of queries.
 */
export async function runBilling(em: SqlEntityManager, options: { tenantId: string | null; at: Date; issuedAt: Date; actor: string }): Promise<number> {
  const prices = await loadPriceList(em.fork());
  let issued = 0;
  let after = '';
  for (;;) {
    const tenantIds = options.tenantId
      ? after === ''
        ? [options.tenantId]
        : []
      : (await em.fork().find(DirectoryTenant, { id: { $gt: after } }, { orderBy: { id: 'asc' }, limit: BILLING_BATCH, fields: ['id'] })).map((t) => t.id);
    if (tenantIds.length === 0) return issued;
    after = tenantIds[tenantIds.length - 1]!;
    for (let attempt = 1; ; attempt++) {
      try {
        issued += await billBatch(em.fork(), tenantIds, options, prices);
        break;
      } catch (error) {
        // Another run issued some of these cycles first: bill what is left.
        if (!isUniqueViolation(error) || attempt === 3) throw error;
      }
    }
  }
}

async function billBatch(em: SqlEntityManager, tenantIds: readonly string[], options: { at: Date; issuedAt: Date; actor: string }, prices: PriceList): Promise<number> {
  const { at, issuedAt } = options;
  return em.transactional(async (tx) => {
    const subscriptionsByTenant = await subscriptionsOfTenants(tx, tenantIds);
    const subscriptions = [...subscriptionsByTenant.values()].flat();
    if (subscriptions.length === 0) return 0;
    const issuedKeys = new Set(
      (await tx.find(Invoice, { subscriptionId: { $in: subscriptions.map((s) => s.id) }, kind: 'CYCLE' }, { fields: ['issueKey'] })).map((i) => i.issueKey),
    );
    const due: { subscription: BilledSubscription; cycle: BillingCycle }[] = [];
    for (const subscription of subscriptions) {
      for (const cycle of cyclesEndedBy(subscription.terms, subscription.billingInterval, at)) {
        if (!issuedKeys.has(cycleIssueKey(subscription.id, cycle))) due.push({ subscription, cycle });
      }
    }
    if (due.length === 0) return 0;
    // Usage is measured per calendar month (R29): read whole months around the cycles.
    const window = calendarMonthSpan({
      start: new Date(Math.min(...due.map((d) => d.cycle.start.getTime()))),
      end: new Date(Math.max(...due.map((d) => d.cycle.end.getTime()))),
    });
    const dueTenants = [...new Set(due.map((d) => d.subscription.tenantId))];
    const [account, readings, stretches] = await Promise.all([
      accountRecordsOfTenants(tx, dueTenants, window),
      readingsOfTenants(tx, dueTenants, window),
      excessStretchesOfTenants(tx, dueTenants, window),
    ]);
    let issued = 0;
    const audit: AuditChange[] = [];
    for (const { subscription, cycle } of due) {
      const draft = draftCycleInvoice(
        subscription,
        cycle,
        {
          subscriptions: subscriptionsByTenant.get(subscription.tenantId) ?? [],
          account: account.get(subscription.tenantId) ?? { purchases: [], covers: [] },
          readingsByType: readings.get(subscription.tenantId) ?? new Map(),
          excessStretches: stretches.get(subscription.tenantId) ?? [],
        },
        prices,
      );
      if (!draft) continue;
      const invoice = persistInvoice(tx, {
        tenantId: subscription.tenantId,
        subscriptionId: subscription.id,
        kind: 'CYCLE',
        issueKey: cycleIssueKey(subscription.id, cycle),
        issuedAt,
        draft,
      });
      audit.push(invoiceIssued(invoice));
      issued++;
    }
    // R35: one entry per invoice, sent to the tenants' logs as one event per batch.
    recordAudit(tx, audit, options.actor, issuedAt);
    return issued;
  });
}
