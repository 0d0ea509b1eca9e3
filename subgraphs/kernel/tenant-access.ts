import type { PartnerAccessLevel } from './integration-events';
import { mayReadTenantData, mayWrite, type Principal } from './principal';

/** What a subgraph knows of a tenant for scoping: that it exists, and its partners' access. */
export interface TenantAccessFacts {
  readonly tenantId: string;
  readonly partners: ReadonlyMap<string, PartnerAccessLevel>;
}

/**
 * R33: customer users see their own tenant, partners the tenants they manage (any
 * access level, R13), operators everything; analytics principals no tenant's details.
 */
export function canReadTenant(principal: Principal, facts: TenantAccessFacts): boolean {
  if (!mayReadTenantData(principal)) return false;
  switch (principal.kind) {
    case 'operator':
      return true;
    case 'customer':
      return principal.tenantId === facts.tenantId;
    case 'partner':
      return facts.partners.has(principal.partnerId);
    default:
      return false;
  }
}

/**
 * R13, R33: whether the principal may change the tenant at all. READ_ONLY partners and
 * read-only scopes may not; the per-role rules of each mutation come on top.
 */
export function canWriteTenant(principal: Principal, facts: TenantAccessFacts): boolean {
  if (!canReadTenant(principal, facts) || !mayWrite(principal)) return false;
  if (principal.kind === 'partner') return facts.partners.get(principal.partnerId) === 'FULL';
  return true;
}
