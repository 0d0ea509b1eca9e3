import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import type { Principal } from '../../subgraphs/kernel/principal';

/** The header that carries a request's id from the client (optional) through the gateway to the subgraphs. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * What a request's log line and metrics say about it, filled in as it is served: its id,
 * the operation, who asked (kind and tenant, never the token or the subject), how many
 * errors it answered with. Context builders and the recording plugin write into it.
 */
export interface RequestRecord {
  readonly id: string;
  operationName: string | null;
  operationType: string | null;
  principalKind: string | null;
  tenantId: string | null;
  errors: number;
}

/** How a served request ended, for metrics. */
export interface RequestOutcome {
  readonly status: number;
  readonly durationMs: number;
}

/** A request's id: the client's `x-request-id` when it is a plain token of at most 64 characters, else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
}

/** A new request's record, before anything is known of it but its id. */
export function newRequestRecord(id: string): RequestRecord {
  return { id, operationName: null, operationType: null, principalKind: null, tenantId: null, errors: 0 };
}

/** Who asked, as a request's log line may say it: the principal's kind and tenant, never its subject. */
export function recordPrincipal(record: RequestRecord, principal: Principal): void {
  record.principalKind = principal.kind;
  record.tenantId = principal.kind === 'customer' ? principal.tenantId : null;
}
