import type { EntityManager } from '@mikro-orm/core';

import type { IntegrationEvent, LicenseBought, UsageRecorded } from '../../kernel/integration-events';
import { termAt } from '../../kernel/subscription-terms';
import { recordAudit } from '../../runtime/audit';
import { EventNotReady } from '../../runtime/outbox';
import { findReplicaAddOns } from '../../runtime/catalog-replica';
import { ConcurrencyOverage } from '../entities/concurrency-overage.entity';
import { Purchase } from '../entities/purchase.entity';
import { UsageReading } from '../entities/usage-reading.entity';
import { billedSubscriptionAt, subscriptionsOfTenants } from '../queries/tenant-subscriptions';
import { invoiceIssued, issueProrationInvoice } from './issue-invoice';
import { fulfilFeatureRequests } from './self-service-requests';

/** The events Invoicing acts on beyond its replicas. */
export const INVOICING_EVENT_TYPES: readonly IntegrationEvent['type'][] = ['LicenseBought', 'UsageRecorded', 'ConcurrencyOverageRecorded'];

/** Applies an event in the consumer's transaction (runtime/outbox.ts consumeOnce makes it once). */
export async function applyInvoicingEvent(em: EntityManager, event: IntegrationEvent): Promise<void> {
  if (event.type === 'LicenseBought') await recordLicenceBought(em, event);
  else if (event.type === 'UsageRecorded') recordUsageReading(em, event);
  else if (event.type === 'ConcurrencyOverageRecorded') {
    const stretch = event.payload;
    // Logouts at the same instant each see the stretch end: it is recorded once.
    if (await em.findOne(ConcurrencyOverage, { id: stretch.stretchId })) return;
    em.persist(
      em.create(ConcurrencyOverage, {
        id: stretch.stretchId,
        tenantId: stretch.tenantId,
        usageType: stretch.usageType,
        fromAt: new Date(stretch.from),
        toAt: new Date(stretch.to),
        excess: stretch.excess,
      }),
    );
  }
}

/**
 * R16, R27: licences bought by assigning beyond the pool (Entitlements) become a purchase
 * here, with the same id, billed to the primary subscription and invoiced at once,
 * prorated, at the price of the moment they were bought; open feature requests for the
 * add-on are fulfilled, as by a self-service purchase.
 */
async function recordLicenceBought(em: EntityManager, event: LicenseBought): Promise<void> {
  const bought = event.payload;
  if (await em.findOne(Purchase, { id: bought.purchaseId })) return;
  const at = new Date(bought.boughtAt);
  const subscriptions = (await subscriptionsOfTenants(em, [bought.tenantId])).get(bought.tenantId) ?? [];
  // Events of different producers may arrive in any order: a purchase billed to a
  // subscription whose term at the purchase this subgraph has not heard of yet (the
  // subscription itself, or the renewal Entitlements saw) waits, and the delivery is
  // retried. It cannot wait forever: terms are only ever added (create, renew), so the
  // copy that Entitlements billed against reaches this one too.
  const named = bought.billedSubscriptionId ? subscriptions.find((s) => s.id === bought.billedSubscriptionId) : undefined;
  if (bought.billedSubscriptionId && (!named || termAt(named.terms, at) === null)) {
    throw new EventNotReady(`the term of subscription ${bought.billedSubscriptionId} at ${bought.boughtAt} is not replicated yet`);
  }
  const billed = named ?? billedSubscriptionAt(subscriptions, at);
  const addOn = (await findReplicaAddOns(em, [bought.addOnKey])).get(bought.addOnKey) ?? null;
  const purchase = em.create(Purchase, {
    id: bought.purchaseId,
    tenantId: bought.tenantId,
    addOnKey: bought.addOnKey,
    quantity: bought.quantity,
    unitAmountMinor: bought.unitPrice.amountMinor,
    currency: bought.unitPrice.currency,
    purchasedAt: at,
    source: 'AUTO_PURCHASE',
    subscriptionId: billed?.id ?? null,
    actor: bought.boughtBy,
    idempotencyKey: null,
    requestFingerprint: null,
    selfServiceSlot: null,
  });
  em.persist(purchase);
  await fulfilFeatureRequests(em, bought.tenantId, bought.addOnKey);
  const invoice = issueProrationInvoice(em, purchase, billed ? [billed] : [], addOn, subscriptions);
  if (invoice) recordAudit(em, [invoiceIssued(invoice)], bought.boughtBy, at);
}

function recordUsageReading(em: EntityManager, event: UsageRecorded): void {
  const reading = event.payload;
  em.persist(
    em.create(UsageReading, { id: reading.readingId, tenantId: reading.tenantId, usageType: reading.usageType, quantity: reading.quantity, at: new Date(reading.at) }),
  );
}
