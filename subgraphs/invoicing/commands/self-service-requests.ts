import type { EntityManager } from '@mikro-orm/core';

import { DomainError } from '../../kernel/domain-error';
import { newId } from '../../kernel/ids';
import type { Principal } from '../../kernel/principal';
import { recordAudit } from '../../runtime/audit';
import { findReplicaAddOns } from '../../runtime/catalog-replica';
import { assertLicenceQuantity } from '../domain/purchase-rules';
import { quoteStatusFor } from '../domain/self-service';
import { FeatureRequest, QuoteRequest, type FeatureRequestRow, type QuoteRequestRow } from '../entities/self-service-request.entity';

async function assertAddOn(em: EntityManager, addOnKey: string): Promise<void> {
  if (!(await findReplicaAddOns(em, [addOnKey])).has(addOnKey)) throw new DomainError('NOT_FOUND', `no add-on ${addOnKey}`);
}

/** R30: an owner's quote request is submitted at once; an admin's is a DRAFT an owner submits. */
export async function requestQuote(
  em: EntityManager,
  input: { tenantId: string; addOnKey: string; quantity: number },
  principal: Principal,
  at: Date,
): Promise<QuoteRequestRow> {
  assertLicenceQuantity(input.quantity);
  await assertAddOn(em, input.addOnKey);
  const status = quoteStatusFor(principal);
  const row = em.create(QuoteRequest, {
    id: newId('quo', at),
    ...input,
    status,
    requestedBy: principal.sub,
    requestedAt: at,
    submittedBy: status === 'SUBMITTED' ? principal.sub : null,
    submittedAt: status === 'SUBMITTED' ? at : null,
  });
  recordAudit(em, [{ tenantId: row.tenantId, action: 'quote.requested', entityType: 'QuoteRequest', entityId: row.id, after: { addOnKey: row.addOnKey, quantity: row.quantity, status } }], principal.sub, at);
  await em.persistAndFlush(row);
  return row;
}

/** R30: an owner submits an admin's draft; a submitted request stays as it is. */
export async function submitQuote(em: EntityManager, request: QuoteRequestRow, principal: Principal, at: Date): Promise<QuoteRequestRow> {
  if (request.status === 'DRAFT') {
    request.status = 'SUBMITTED';
    request.submittedBy = principal.sub;
    request.submittedAt = at;
    recordAudit(em, [{ tenantId: request.tenantId, action: 'quote.submitted', entityType: 'QuoteRequest', entityId: request.id, before: { status: 'DRAFT' }, after: { status: 'SUBMITTED' } }], principal.sub, at);
    await em.flush();
  }
  return request;
}

/**
 * R30: tells the owner a colleague wants an add-on: it shows in the tenant's feature
 * requests until the add-on is bought. One open request per add-on: asking again answers it.
 */
export async function requestFeature(
  em: EntityManager,
  input: { tenantId: string; addOnKey: string },
  principal: Principal,
  at: Date,
): Promise<FeatureRequestRow> {
  await assertAddOn(em, input.addOnKey);
  const open = await em.findOne(FeatureRequest, { ...input, status: 'OPEN' });
  if (open) return open;
  const row = em.create(FeatureRequest, { id: newId('frq', at), ...input, status: 'OPEN', requestedBy: principal.sub, requestedAt: at });
  recordAudit(em, [{ tenantId: row.tenantId, action: 'feature.requested', entityType: 'FeatureRequest', entityId: row.id, after: { addOnKey: row.addOnKey } }], principal.sub, at);
  await em.persistAndFlush(row);
  return row;
}

/**
 * R30: the tenant's open feature requests for an add-on are fulfilled once it is bought,
 * through self-service or by assigning it beyond the pool (R16): the owner's list shows
 * what is settled. In the transaction of the purchase.
 */
export async function fulfilFeatureRequests(tx: EntityManager, tenantId: string, addOnKey: string): Promise<void> {
  await tx.nativeUpdate(FeatureRequest, { tenantId, addOnKey, status: 'OPEN' }, { status: 'FULFILLED' });
}
