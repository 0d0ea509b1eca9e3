import { DomainError } from '../../kernel/domain-error';
import type { PartnerAccessLevel } from '../../kernel/integration-events';
import type { Principal } from '../../kernel/principal';

/**
 * R13: a second partner joins a tenant with READ_ONLY provisioning access. Operators add
 * partners, and so does the tenant's managing partner (which has FULL access).
 */
export function assertMayAddPartner(principal: Principal, managingPartnerIds: readonly string[]): void {
  if (principal.kind === 'operator') return;
  if (principal.kind === 'partner' && managingPartnerIds.includes(principal.partnerId)) return;
  throw new DomainError('FORBIDDEN', "only operators and the tenant's managing partner add partners");
}

/** R13: a partner added to a tenant starts READ_ONLY; adding it again changes nothing. */
export function accessOfAddedPartner(existing: PartnerAccessLevel | null): PartnerAccessLevel {
  return existing ?? 'READ_ONLY';
}

/**
 * R13: FULL access is granted by a customer admin of the tenant (OWNER or ADMIN), or by
 * an operator; a partner cannot raise its own access.
 */
export function assertMayGrantFullAccess(principal: Principal, tenantId: string): void {
  if (principal.kind === 'operator') return;
  if (principal.kind === 'customer' && principal.tenantId === tenantId && (principal.role === 'OWNER' || principal.role === 'ADMIN')) {
    return;
  }
  throw new DomainError('FORBIDDEN', "only the tenant's owners and admins (or an operator) grant a partner FULL access");
}
