import type { EntityManager } from '@mikro-orm/core';

import { DomainError } from '../../kernel/domain-error';
import { termAt } from '../../kernel/subscription-terms';
import { newId } from '../../kernel/ids';
import type { AddOnPurchased } from '../../kernel/integration-events';
import { findReplicaAddOns } from '../../runtime/catalog-replica';
import { recordAudit } from '../../runtime/audit';
import { isUniqueViolation } from '../../runtime/orm';
import { enqueueEvents, newEvent } from '../../runtime/outbox';
import { assertLicenceQuantity, assertPurchasable } from '../domain/purchase-rules';
import { Purchase, type PurchaseRow } from '../entities/purchase.entity';
import { purchaseFacts } from '../queries/purchase-facts';
import { billedSubscriptionAt, subscriptionsOfTenants } from '../queries/tenant-subscriptions';
import { invoiceIssued, issueProrationInvoice } from './issue-invoice';
import { fulfilFeatureRequests } from './self-service-requests';

export interface PurchaseAddOnCommand {
  readonly tenantId: string;
  readonly addOnKey: string;
  readonly quantity: number;
  readonly idempotencyKey: string;
  /** The `at` the client sent (part of the payload the key stands for), or null. */
  readonly requestedAt: Date | null;
}

/**
 * R30, R31: buys add-on licences through self-service, once per idempotency key.
 *
 * - The same key with the same payload answers the first purchase; with another payload
 *   it is CONFLICT. Nothing is bought twice, even when two requests race (unique keys).
 * - An add-on the tenant already has (bought, or in an active subscription, or included
 *   in its plan) is ALREADY_PURCHASED: more licences come from assignment (R16) or an
 *   operator. What a plan includes per concurrent seat (QM, WFM under Elite) is not
 *   already purchased: licences for the users beyond the seats are sold (R37).
 *   Purchases are final.
 * - The purchase is billed to the primary subscription (R8) and invoiced at once for the
 *   rest of its cycle (R27); the pool in Entitlements grows by AddOnPurchased; the
 *   tenant's open feature requests for the add-on are fulfilled. One transaction.
 */
export async function purchaseAddOn(em: EntityManager, command: PurchaseAddOnCommand, at: Date, actor: string): Promise<PurchaseRow> {
  validate(command);
  const fingerprint = JSON.stringify([command.addOnKey, command.quantity, command.requestedAt?.toISOString() ?? null]);
  try {
    return await em.transactional(async (tx) => {
      const replay = await replayOf(tx, command, fingerprint);
      if (replay) return replay;

      const addOn = (await findReplicaAddOns(tx, [command.addOnKey])).get(command.addOnKey);
      if (!addOn) throw new DomainError('NOT_FOUND', `no add-on ${command.addOnKey}`);
      const subscriptions = (await subscriptionsOfTenants(tx, [command.tenantId])).get(command.tenantId) ?? [];
      if (!subscriptions.some((s) => termAt(s.terms, at) !== null)) throw new DomainError('SUBSCRIPTION_INACTIVE', 'the tenant has no active subscription to bill the purchase to');

      assertPurchasable(await purchaseFacts(tx, command.tenantId, addOn.key, subscriptions, at));

      const billed = billedSubscriptionAt(subscriptions, at);
      // An account-wide add-on is one licence for the account (R3), whatever was asked.
      const quantity = addOn.seatModel === 'ACCOUNT_WIDE' ? 1 : command.quantity;
      const purchase = tx.create(Purchase, {
        id: newId('pur', at),
        tenantId: command.tenantId,
        addOnKey: addOn.key,
        quantity,
        unitAmountMinor: addOn.unitPrice.amountMinor,
        currency: addOn.unitPrice.currency,
        purchasedAt: at,
        source: 'SELF_SERVICE',
        subscriptionId: billed?.id ?? null,
        actor,
        idempotencyKey: command.idempotencyKey,
        requestFingerprint: fingerprint,
        selfServiceSlot: `${command.tenantId}/${addOn.key}`,
      });
      tx.persist(purchase);
      const invoice = issueProrationInvoice(tx, purchase, subscriptions, addOn);
      recordAudit(
        tx,
        [
          { tenantId: purchase.tenantId, action: 'purchase.created', entityType: 'Purchase', entityId: purchase.id, after: { addOnKey: addOn.key, quantity, unitAmountMinor: purchase.unitAmountMinor, currency: purchase.currency, subscriptionId: purchase.subscriptionId } },
          ...(invoice ? [invoiceIssued(invoice)] : []),
        ],
        actor,
        at,
      );
      await fulfilFeatureRequests(tx, command.tenantId, addOn.key);
      enqueueEvents(tx, [
        newEvent<AddOnPurchased>(
          'AddOnPurchased',
          { purchaseId: purchase.id, tenantId: purchase.tenantId, addOnKey: addOn.key, quantity: purchase.quantity, purchasedAt: at.toISOString() },
          at,
        ),
      ]);
      return purchase;
    });
  } catch (error) {
    const lostRace = isUniqueViolation(error);
    if (!lostRace && !(error instanceof DomainError && error.code === 'ALREADY_PURCHASED')) throw error;
    // A racing request with the same key may have committed after this one looked for a
    // replay: then its insert collides here (a unique key), or, on PostgreSQL's READ
    // COMMITTED, R31's check already sees its purchase (ALREADY_PURCHASED). Either way the
    // same key is that purchase (or a CONFLICT), looked up again outside the failed
    // transaction; another key lost the race for the add-on.
    const replay = await replayOf(em.fork(), command, fingerprint);
    if (replay) return replay;
    if (lostRace) throw new DomainError('ALREADY_PURCHASED', `${command.addOnKey} is already purchased`);
    throw error;
  }
}


async function replayOf(em: EntityManager, command: PurchaseAddOnCommand, fingerprint: string): Promise<PurchaseRow | null> {
  const previous = await em.findOne(Purchase, { tenantId: command.tenantId, idempotencyKey: command.idempotencyKey });
  if (!previous) return null;
  if (previous.requestFingerprint !== fingerprint) {
    throw new DomainError('CONFLICT', 'this idempotency key was used for another purchase; use a new key for a new purchase');
  }
  return previous;
}

function validate(command: PurchaseAddOnCommand): void {
  assertLicenceQuantity(command.quantity);
  const key = command.idempotencyKey;
  if (key.trim() === '' || key.length > 200) {
    throw new DomainError('BAD_USER_INPUT', 'idempotencyKey must be 1 to 200 characters');
  }
}

