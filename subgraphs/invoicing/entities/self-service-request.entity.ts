import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A quote request (R30): an owner's is SUBMITTED at once; an admin's is a DRAFT until an owner submits it. */
export const QuoteRequest = defineEntity({
  name: 'QuoteRequest',
  tableName: 'quote_request',
  properties: {
    id: p.string().primary(),
    tenantId: p.string().index(),
    addOnKey: p.string(),
    quantity: p.integer(),
    status: p.enum(['DRAFT', 'SUBMITTED'] as const),
    requestedBy: p.string(),
    requestedAt: p.datetime(),
    submittedBy: p.string().nullable(),
    submittedAt: p.datetime().nullable(),
  },
});
export type QuoteRequestRow = InferEntity<typeof QuoteRequest>;

/** A feature request (R30): shows in the tenant's list for the owner; FULFILLED once the add-on is bought. */
export const FeatureRequest = defineEntity({
  name: 'FeatureRequest',
  tableName: 'feature_request',
  properties: {
    id: p.string().primary(),
    tenantId: p.string(),
    addOnKey: p.string(),
    status: p.enum(['OPEN', 'FULFILLED'] as const),
    requestedBy: p.string(),
    requestedAt: p.datetime(),
  },
  indexes: [{ properties: ['tenantId', 'addOnKey'] }],
});
export type FeatureRequestRow = InferEntity<typeof FeatureRequest>;
