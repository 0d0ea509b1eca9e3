import { DomainError } from '../../kernel/domain-error';
import type { Principal } from '../../kernel/principal';

/**
 * Who administers a tenant's users: operators, partners with write access (the tenant
 * check comes on top), and the tenant's OWNER and ADMIN. Supervisors and agents do not.
 */
export function assertMayAdministerUsers(principal: Principal): void {
  if (principal.kind === 'customer' && principal.role !== 'OWNER' && principal.role !== 'ADMIN') {
    throw new DomainError('FORBIDDEN', `a ${principal.role} may not administer users`);
  }
}

/**
 * R22: a session is recorded by the agent itself (its token's subject is its user id),
 * by the tenant's owners, admins and supervisors, or by operators and partners.
 */
export function assertMayRecordSession(principal: Principal, userId: string): void {
  if (principal.kind !== 'customer') return;
  if (principal.sub === userId || principal.role !== 'AGENT') return;
  throw new DomainError('FORBIDDEN', 'an agent records only its own sessions');
}
