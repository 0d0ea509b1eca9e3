import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

import type { RequestOutcome, RequestRecord } from '../server/http/request-record';

/** Why a subgraph call failed: no answer (transport, time limit), a non-2xx status, or GraphQL errors in its answer. */
export type SubgraphFailure = 'transport' | 'status' | 'graphql';

export interface GatewayMetrics {
  /** The gateway's own registry (with the process's default metrics), what GET /metrics renders. */
  readonly registry: Registry;
  observeRequest(record: RequestRecord, outcome: RequestOutcome): void;
  subgraphFailed(subgraph: string, failure: SubgraphFailure): void;
}

/**
 * Prometheus metrics of the gateway: requests and their latency by operation and status,
 * and failed subgraph calls by subgraph and cause, beside Node's default process metrics.
 *
 * Operation names are the client's to choose, so only the names of `knownOperations`
 * (the persisted operations' manifest: the contract's and this project's) become labels;
 * every other name counts as `other`, and the label set cannot grow whatever clients send.
 */
export function createGatewayMetrics(knownOperations: Iterable<string>): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'graphql_requests_total', help: 'GraphQL requests answered, by operation and HTTP status.', labelNames: ['operation', 'status'], registers: [registry] });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from a GraphQL request to its answer, by operation.',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const subgraphErrors = new Counter({ name: 'subgraph_errors_total', help: 'Failed subgraph calls, by subgraph and cause (transport, status, graphql).', labelNames: ['subgraph', 'cause'], registers: [registry] });
  const known = new Set(knownOperations);
  const operationLabel = (name: string | null) => (!name ? '(anonymous)' : known.has(name) ? name : 'other');
  return {
    registry,
    observeRequest: (record, outcome) => {
      const operation = operationLabel(record.operationName);
      requests.inc({ operation, status: String(outcome.status) });
      duration.observe({ operation }, outcome.durationMs / 1000);
    },
    subgraphFailed: (subgraph, failure) => subgraphErrors.inc({ subgraph, cause: failure }),
  };
}
