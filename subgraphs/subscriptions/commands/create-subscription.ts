import type { BillingInterval } from '../../kernel/billing-cycle';
import type { EntityManager } from '@mikro-orm/core';

import { DomainError } from '../../kernel/domain-error';
import { newId } from '../../kernel/ids';
import type { SubscriptionChanged } from '../../kernel/integration-events';
import { assertName } from '../../kernel/text-input';
import { findReplicaAddOns, findReplicaPlan } from '../../runtime/catalog-replica';
import { recordAuditInLog } from '../../runtime/audit';
import { enqueueEvents, newEvent } from '../../runtime/outbox';
import { firstTerm, type AddOnInput, type ItemInput } from '../../kernel/term-content';
import { assertTenantWithinBounds } from '../domain/tenant-bounds';
import { assertFitsTenant, type LicensingModel } from '../domain/tenant-consistency';
import { SubscriptionTerm } from '../entities/subscription-term.entity';
import { Subscription } from '../entities/subscription.entity';
import { storedItems, toSnapshot, toView, type SubscriptionView } from '../entities/subscription-views';
import { changeTenantSubscriptions } from './lock-tenant';
import { tenantHistory } from '../queries/tenant-history';

export interface CreateSubscriptionCommand {
  readonly tenantId: string;
  readonly name: string;
  readonly department: string;
  readonly planKey: string;
  readonly licensingModel: LicensingModel;
  readonly telephony: string;
  readonly offer: 'FLEX' | 'FLEX_3' | 'STANDARD';
  readonly hybrid: boolean;
  readonly billingInterval: BillingInterval;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly items: readonly ItemInput[];
  readonly addOns: readonly AddOnInput[];
}

/**
 * Creates a subscription of a tenant (R5) with its first term. The tenant's first
 * subscription fixes its licensing model (R10) and telephony option (R11); later ones
 * must match. The plan and add-ons must exist in the catalog, the add-ons in the plan's
 * product line. Announced as SubscriptionChanged in the same transaction.
 */
export async function createSubscription(em: EntityManager, input: CreateSubscriptionCommand, at: Date, actor: string): Promise<SubscriptionView> {
  assertName(input.name, 'subscription');
  assertName(input.department, 'department');
  const term = firstTerm(input);
  return changeTenantSubscriptions(em, async (tx, lock) => {
    const tenant = await lock(input.tenantId);
    const plan = await findReplicaPlan(tx, input.planKey);
    if (!plan) throw new DomainError('BAD_USER_INPUT', `unknown plan "${input.planKey}"`);
    const addOns = await findReplicaAddOns(tx, term.addOns.map((a) => a.addOnKey));
    for (const { addOnKey } of term.addOns) {
      const addOn = addOns.get(addOnKey);
      if (!addOn) throw new DomainError('BAD_USER_INPUT', `unknown add-on "${addOnKey}"`);
      if (addOn.productLine !== plan.productLine) {
        throw new DomainError('BAD_USER_INPUT', `add-on "${addOnKey}" is not sold with ${plan.productLine} plans`);
      }
    }
    assertFitsTenant({ licensingModel: tenant.licensingModel ?? null, telephony: tenant.telephony ?? null }, input);
    tenant.licensingModel ??= input.licensingModel;
    tenant.telephony ??= input.telephony;

    const row = tx.create(Subscription, {
      id: newId('sub', at),
      tenantId: input.tenantId,
      name: input.name.trim(),
      department: input.department.trim(),
      planKey: input.planKey,
      licensingModel: input.licensingModel,
      telephony: input.telephony,
      offer: input.offer,
      hybrid: input.hybrid,
      billingInterval: input.billingInterval,
      originalStartsAt: term.startsAt,
      createdAt: at,
    });
    const termRow = tx.create(SubscriptionTerm, {
      subscriptionId: row.id,
      seq: 0,
      tenantId: input.tenantId,
      startsAt: term.startsAt,
      endsAt: term.endsAt,
      items: storedItems(term),
      addOns: [...term.addOns],
    });
    tx.persist([row, termRow]);
    const view = toView(row, [termRow]);
    assertTenantWithinBounds([...(await tenantHistory(tx, input.tenantId)).filter((s) => s.id !== view.id), view]);
    recordAuditInLog(tx, [{ tenantId: view.tenantId, action: 'subscription.created', entityType: 'Subscription', entityId: view.id, after: toSnapshot(view) }], actor, at);
    enqueueEvents(tx, [newEvent<SubscriptionChanged>('SubscriptionChanged', { subscription: toSnapshot(view) }, at)]);
    return view;
  });
}
