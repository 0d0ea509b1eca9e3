import { DomainError } from '../kernel/domain-error';
import type { Principal } from '../kernel/principal';

/** FORBIDDEN unless the principal is a vendor operator (`licensing:provision`). */
export function assertOperator(principal: Principal, action: string): void {
  if (principal.kind !== 'operator') {
    throw new DomainError('FORBIDDEN', `only operators may ${action}`);
  }
}

/** Answers NOT_IMPLEMENTED for a field whose behaviour a later issue builds (never fake data). */
export function notImplemented(field: string): never {
  throw new DomainError('NOT_IMPLEMENTED', `${field} is not implemented yet`);
}
