import type { EntityManager } from '@mikro-orm/core';

import { DomainError } from '../../kernel/domain-error';
import type { SubscriptionChanged } from '../../kernel/integration-events';
import { findReplicaAddOns, findReplicaPlan } from '../../runtime/catalog-replica';
import { recordAuditInLog } from '../../runtime/audit';
import { enqueueEvents, newEvent } from '../../runtime/outbox';
import { renewedTerm, type RenewalInput } from '../../kernel/term-content';
import { assertTenantWithinBounds } from '../domain/tenant-bounds';
import { SubscriptionTerm } from '../entities/subscription-term.entity';
import { Subscription } from '../entities/subscription.entity';
import { storedItems, toSnapshot, toView, type SubscriptionView } from '../entities/subscription-views';
import { assertNoSilentOverAssignment, type OverAssignmentRequest } from '../domain/over-assignment';
import { changeTenantSubscriptions } from './lock-tenant';
import { shortfallsAfter } from './pool-holdings';
import { tenantHistory } from '../queries/tenant-history';

/**
 * Renews a subscription (R5): same id and original start, a new term from the end of
 * the current one (or later: the gap is not active), items keeping the date they were
 * first included (R7). A renewal that leaves a pool with fewer licences than assignments
 * when the new term starts is refused (R36) unless it names who loses them or asks for
 * NEWEST_FIRST; Entitlements ends those assignments then. The caller has checked the
 * principal may change its tenant.
 */
export async function renewSubscription(
  em: EntityManager,
  subscriptionId: string,
  input: RenewalInput & Partial<OverAssignmentRequest>,
  at: Date,
  actor: string,
): Promise<SubscriptionView> {
  return changeTenantSubscriptions(em, async (tx, lock) => {
    const row = await tx.findOne(Subscription, { id: subscriptionId });
    if (!row) throw new DomainError('NOT_FOUND', `no subscription ${subscriptionId}`);
    // Serialises renewals per tenant; readers see the tenant's new history once it commits.
    await lock(row.tenantId);
    const termRows = await tx.find(SubscriptionTerm, { subscriptionId }, { orderBy: { seq: 'asc' } });
    const current = toView(row, termRows);
    const term = renewedTerm(current.terms, input);
    if (input.addOns) {
      const plan = await findReplicaPlan(tx, row.planKey);
      const addOns = await findReplicaAddOns(tx, term.addOns.map((a) => a.addOnKey));
      for (const { addOnKey } of term.addOns) {
        const addOn = addOns.get(addOnKey);
        if (!addOn || addOn.productLine !== plan?.productLine) {
          throw new DomainError('BAD_USER_INPUT', `add-on "${addOnKey}" is unknown or not sold with this plan`);
        }
      }
    }
    const termRow = tx.create(SubscriptionTerm, {
      subscriptionId,
      seq: termRows.length,
      tenantId: row.tenantId,
      startsAt: term.startsAt,
      endsAt: term.endsAt,
      items: storedItems(term),
      addOns: [...term.addOns],
    });
    tx.persist(termRow);
    const view = toView(row, [...termRows, termRow]);
    const tenantAfter = [...(await tenantHistory(tx, row.tenantId)).filter((s) => s.id !== view.id), view];
    assertTenantWithinBounds(tenantAfter);
    const request: OverAssignmentRequest = { overAssignment: input.overAssignment ?? 'REFUSE', releases: input.releases ?? [] };
    // Had it not been renewed, but gone on as it is: its last term through the new one's start.
    const last = current.terms[current.terms.length - 1]!;
    const goingOn = { ...current, terms: [...current.terms.slice(0, -1), { ...last, endsAt: new Date(Math.max(last.endsAt.getTime(), term.endsAt.getTime())) }] };
    const baseline = [...tenantAfter.filter((s) => s.id !== view.id), goingOn];
    assertNoSilentOverAssignment(await shortfallsAfter(tx, row.tenantId, tenantAfter, baseline, term.startsAt), request, 'this renewal', term.startsAt);
    recordAuditInLog(
      tx,
      [{ tenantId: view.tenantId, action: 'subscription.renewed', entityType: 'Subscription', entityId: view.id, before: toSnapshot(current), after: toSnapshot(view) }],
      actor,
      at,
    );
    // Entitlements ends the named users' assignments, and works out every pool again, from when the new term starts (R36).
    const release = { effectiveAt: term.startsAt.toISOString(), releases: request.releases };
    enqueueEvents(tx, [newEvent<SubscriptionChanged>('SubscriptionChanged', { subscription: toSnapshot(view), release }, at)]);
    return view;
  });
}
