/**
 * The closed list of error codes of the client contract (shared/contract/README.md),
 * plus NOT_IMPLEMENTED for fields whose behaviour a later issue builds.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'MIXED_LICENSING_MODEL',
  'TELEPHONY_MISMATCH',
  'LICENSE_LIMIT_REACHED',
  'ALREADY_PURCHASED',
  'NOT_ASSIGNABLE',
  'SUBSCRIPTION_INACTIVE',
  'CONFLICT',
  'NOT_IMPLEMENTED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * A refusal the client is meant to see: its message is safe to show and its code is
 * one of the contract's. Everything else that is thrown is masked as INTERNAL.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, string | number | boolean | null>>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
