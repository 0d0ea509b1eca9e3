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
