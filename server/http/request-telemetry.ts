import type { IncomingMessage, ServerResponse } from 'node:http';

import { propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Tracer } from '@opentelemetry/api';

import type { Logger } from '../logger';
import type { RequestOutcome, RequestRecord } from './request-record';

export interface RequestTelemetry {
  readonly tracer: Tracer;
  readonly logger: Logger;
  /** Called when a GraphQL request has been answered (metrics). */
  readonly observe?: (record: RequestRecord, outcome: RequestOutcome) => void;
}

/**
 * Starts a request's server span (a child of the caller's, when its traceparent says
 * so) and, when the response closes, ends it, writes the request's log line and tells
 * the metrics. Returns the context to serve the request in.
 */
export function observeRequest(req: IncomingMessage, res: ServerResponse, path: string, record: RequestRecord, telemetry: RequestTelemetry): Context {
  const { tracer, logger, observe } = telemetry;
  const started = performance.now();
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = tracer.startSpan(`${req.method} ${path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? '', 'url.path': path } }, parent);
  res.once('close', () => {
    const durationMs = performance.now() - started;
    const status = res.statusCode;
    if (record.operationName) span.updateName(`${record.operationType ?? 'operation'} ${record.operationName}`);
    span.setAttributes({
      'http.response.status_code': status,
      'graphql.operation.name': record.operationName ?? '',
      'graphql.operation.type': record.operationType ?? '',
      'licensing.request_id': record.id,
      'licensing.errors': record.errors,
    });
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    const traced = span.isRecording() || trace.getSpan(parent) ? { traceId: span.spanContext().traceId } : {};
    const line = { reqId: record.id, ...traced, operation: record.operationName, operationType: record.operationType, principal: record.principalKind, tenant: record.tenantId };
    logger.info({ ...line, status, errors: record.errors, durationMs: Math.round(durationMs * 10) / 10 }, 'request');
    observe?.(record, { status, durationMs });
  });
  return trace.setSpan(parent, span);
}
