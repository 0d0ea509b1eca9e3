import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';

import { DomainError, ERROR_CODES } from '../subgraphs/kernel/domain-error';

const PUBLIC_CODES = new Set<string>([
  ...ERROR_CODES,
  // Codes Apollo Server itself gives to request errors the client caused.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * What a client may see of an error: a DomainError or a GraphQL request error keeps
 * its message and code; anything else (a driver error with SQL, a bug) becomes
 * `INTERNAL_SERVER_ERROR` with a fixed message, and the original is logged.
 */
export function maskError(formatted: GraphQLFormattedError, error: unknown, log: (e: unknown) => void): GraphQLFormattedError {
  const original = unwrap(error);
  if (original instanceof DomainError) {
    return {
      message: clipEchoedInput(original.message),
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: original.code, ...(original.details ? { details: original.details } : {}) },
    };
  }
  const code = formatted.extensions?.code;
  const trusted = original === undefined || original instanceof GraphQLError || isSubgraphError(original);
  if (typeof code === 'string' && PUBLIC_CODES.has(code) && trusted) {
    return { ...formatted, message: clipEchoedInput(formatted.message), extensions: { code } };
  }
  log(original ?? error);
  return {
    message: 'internal error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** Longest quoted value an error message repeats whole. */
const MAX_ECHOED_VALUE = 64;
/** Longest error message answered. */
const MAX_MESSAGE = 1_000;

/**
 * An error message as a client gets it: GraphQL's own messages and ours quote what the
 * client sent (`got invalid value "…"`), which may be of any size (a 900 kB e-mail came
 * back whole). A quoted value longer than {@link MAX_ECHOED_VALUE} characters keeps its
 * start and says its length; the whole message stops at {@link MAX_MESSAGE}.
 */
export function clipEchoedInput(message: string): string {
  const clipped = message.replace(/"((?:[^"\\]|\\.)*)"/g, (quoted, inner: string) =>
    inner.length <= MAX_ECHOED_VALUE ? quoted : `"${inner.slice(0, MAX_ECHOED_VALUE)}…" (${inner.length} characters)`,
  );
  return clipped.length <= MAX_MESSAGE ? clipped : `${clipped.slice(0, MAX_MESSAGE)}…`;
}

/** Suggestions ("Did you mean …?") name schema elements a production client may not see. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * The error without GraphQL's suggestions (production). Apollo Server's
 * `hideSchemaDetailsFromClientErrors` strips them from validation errors only; a
 * variable's coercion ("Did you mean the enum value …?") happens later, in the gateway's
 * executor, so every answered error passes through here.
 */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(SUGGESTION, '');
  return message === formatted.message ? formatted : { ...formatted, message };
}

/**
 * At the gateway, a subgraph's error arrives as the plain JSON object of its response
 * (already masked by the subgraph), not as an Error; a transport failure is an Error.
 */
function isSubgraphError(original: unknown): boolean {
  return typeof original === 'object' && original !== null && !(original instanceof Error) && 'message' in original;
}

/** The error a resolver threw, under GraphQL's wrapping. */
function unwrap(error: unknown): unknown {
  let current = error;
  for (let i = 0; i < 5 && current instanceof GraphQLError && current.originalError; i++) {
    current = current.originalError;
  }
  return current instanceof GraphQLError && current === error ? undefined : current;
}

/** Turns a DomainError into the GraphQLError a context function may throw. */
export function toGraphQLError(error: DomainError, httpStatus?: number): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { code: error.code, ...(httpStatus ? { http: { status: httpStatus } } : {}) },
  });
}
