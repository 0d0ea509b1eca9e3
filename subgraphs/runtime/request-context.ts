import type { RequestRecord } from '../../server/http/request-record';
import { DomainError } from '../kernel/domain-error';
import type { Principal } from '../kernel/principal';

/** What every subgraph's context starts from: who asks, and one reading of the clock. */
export interface RequestContext {
  readonly principal: Principal;
  /** The request's id, operation and outcome, for its log line (absent outside HTTP requests). */
  readonly record?: RequestRecord;
  /** The request's instant: every default "now" within one request is the same (R34). */
  readonly now: Date;
  /** R34: the instant a read is asked at; default now. */
  at(arg: Date | null | undefined): Date;
  /**
   * The instant a mutation takes effect: default now; only operators may set it
   * (contract: backdating is an operator's tool), anyone else gets FORBIDDEN.
   */
  effectiveAt(arg: Date | null | undefined): Date;
}

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function createRequestContext(principal: Principal, clock: Clock, record?: RequestRecord): RequestContext {
  const now = clock();
  return {
    principal,
    ...(record ? { record } : {}),
    now,
    at: (arg) => arg ?? now,
    effectiveAt: (arg) => {
      if (arg == null) return now;
      if (principal.kind !== 'operator') {
        throw new DomainError('FORBIDDEN', 'only operators may set `at` on a mutation');
      }
      return arg;
    },
  };
}
