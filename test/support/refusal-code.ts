import { isDomainError } from '../../subgraphs/kernel/domain-error';

/**
 * For rule tests: the code a call is refused with, or 'accepted'. Anything thrown that is
 * not a DomainError is re-thrown, so a bug never passes for a refusal.
 */
export function refusalCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  return 'accepted';
}
