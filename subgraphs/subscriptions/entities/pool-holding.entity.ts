import { defineEntity, p } from '@mikro-orm/core';

/**
 * Subscriptions' copy of who holds each pool (fed by Entitlements' PoolHoldersChanged):
 * what a change that lowers a tenant's licences is checked against (R36). The latest
 * announcement wins; a pool never announced holds nothing here yet (Entitlements still
 * ends, newest first, whatever a change leaves beyond the licences).
 */
export const PoolHolding = defineEntity({
  name: 'PoolHolding',
  tableName: 'pool_holding',
  properties: {
    tenantId: p.string().primary(),
    addOnKey: p.string().primary(),
    /** Assignments held now, scheduled ends included. */
    holders: p.integer(),
    /** Of them, those mapped to a subscription whose Elite seats cover the add-on (R37). */
    covered: p.integer(),
    /** Licences bought on top of the subscriptions' (R16, R31). */
    bought: p.integer(),
    /** The pool's lock sequence when announced: an older announcement never replaces a newer one. */
    seq: p.bigint('number'),
  },
});
