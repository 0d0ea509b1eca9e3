import { DomainError } from '../../kernel/domain-error';
import type { Principal } from '../../kernel/principal';

/**
 * Subscriptions are provisioned by the vendor's operators and by partners with FULL
 * access to the tenant (R13; the tenant check comes on top). Customer users buy add-ons
 * through self-service (R30), not subscriptions.
 */
export function assertMayProvision(principal: Principal): void {
  if (principal.kind === 'operator' || principal.kind === 'partner') return;
  throw new DomainError('FORBIDDEN', 'subscriptions are provisioned by operators and partners');
}
