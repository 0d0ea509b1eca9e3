import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

import type { ApolloServer, BaseContext } from '@apollo/server';
import { context as otelContext, trace } from '@opentelemetry/api';

import type { Admission } from './http/admission';
import { executeThroughApollo } from './http/apollo-bridge';
import { parseBody, readBody } from './http/body-limit';
import { newRequestRecord, REQUEST_ID_HEADER, requestIdOf, type RequestOutcome, type RequestRecord } from './http/request-record';
import { observeRequest, type RequestTelemetry } from './http/request-telemetry';
import { sendError } from './http/responses';
import { documentOf, hasMoreTokensThan } from './http/token-limit';
import type { Logger } from './logger';

/** A route beside `/graphql` (e.g. `GET /health`). */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface GraphQLOverHttpOptions<TContext extends BaseContext> {
  readonly server: ApolloServer<TContext>;
  /** Builds the per-request context, holding `record`; may throw a GraphQLError (e.g. UNAUTHENTICATED). `body` is the raw POST body (null for GET). */
  readonly context: (req: IncomingMessage, record: RequestRecord, body: Buffer | null) => Promise<TContext>;
  /** One line per GraphQL request (request id, operation, tenant, status, duration), and unexpected errors. */
  readonly logger: Logger;
  /** Called when a GraphQL request has been answered (metrics). */
  readonly observe?: (record: RequestRecord, outcome: RequestOutcome) => void;
  /** Bodies larger than this are refused with 413 before they are parsed. */
  readonly maxBodyBytes: number;
  /** Documents with more lexical tokens are refused (400) before they are parsed; unset: no limit. */
  readonly maxTokens?: number;
  /** Decides, before parsing, whether a request is served, and may complete it (persisted operations). */
  readonly admit?: Admission;
  /** Other routes by "METHOD /path". */
  readonly routes?: Readonly<Record<string, HttpRoute>>;
}

/**
 * Serves Apollo Server on a bare `node:http` server: `POST|GET /graphql` plus a few
 * named routes. Apollo Server 5 has no built-in integration that can add routes
 * (`startStandaloneServer` cannot, and `express4` is gone), and a bare handler keeps
 * the hot path free of a web framework's middleware stack. Each step is a file of
 * `http/`: the request's id and record, its span, log line and metrics, the body limit,
 * admission (persisted operations), the token limit, and the bridge to Apollo (which
 * does the rest, CSRF prevention included).
 */
export function graphqlOverHttp<TContext extends BaseContext>(options: GraphQLOverHttpOptions<TContext>): RequestListener {
  const { routes = {}, logger } = options;
  const telemetry: RequestTelemetry = { tracer: trace.getTracer('licensing-graph-http'), logger, ...(options.observe ? { observe: options.observe } : {}) };
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[`${req.method} ${url.pathname}`];
    const served = route ? Promise.resolve(route(req, res)) : serveGraphQL(req, res, url);
    void served.catch((error: unknown) => {
      // Nothing a client sends may crash the process; what reaches here is a bug of ours.
      logger.error({ err: error }, 'http: unhandled error');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'internal error');
      else res.destroy();
    });
  };

  function serveGraphQL(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const record = newRequestRecord(requestIdOf(req));
    res.setHeader(REQUEST_ID_HEADER, record.id);
    const served = observeRequest(req, res, url.pathname, record, telemetry);
    return otelContext.with(served, () => handle(req, res, url, record));
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL, record: RequestRecord): Promise<void> {
    const { maxBodyBytes, maxTokens, admit } = options;
    if (url.pathname !== '/graphql') return sendError(res, 404, 'NOT_FOUND', 'not found');
    const method = req.method ?? '';
    if (method !== 'POST' && method !== 'GET') {
      res.setHeader('allow', 'GET, POST');
      return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'use GET or POST');
    }
    let body: unknown = undefined;
    let raw: Buffer | null = null;
    if (method === 'POST') {
      raw = await readBody(req, maxBodyBytes);
      if (raw === null) {
        // Answered at once, and the connection closed after the answer: the rest of the
        // body is neither read nor waited for, however long it is or slowly it comes.
        res.setHeader('connection', 'close');
        return sendError(res, 413, 'PAYLOAD_TOO_LARGE', `request body exceeds ${maxBodyBytes} bytes`);
      }
      const parsed = parseBody(raw, req.headers['content-type'] ?? '');
      if (!parsed) return sendError(res, 400, 'BAD_REQUEST', 'the request body is not valid JSON');
      body = parsed.body;
    }
    const admitted = admit ? admit({ method, body, search: url.search }) : { body, search: url.search };
    if ('refuse' in admitted) return sendError(res, 400, 'PERSISTED_QUERY_NOT_FOUND', admitted.refuse);
    if (maxTokens !== undefined) {
      const document = documentOf(method, admitted.body, admitted.search);
      if (typeof document === 'string' && hasMoreTokensThan(document, maxTokens)) {
        return sendError(res, 400, 'GRAPHQL_PARSE_FAILED', `the document has more than ${maxTokens} tokens`);
      }
    }
    const bridged = { method, search: admitted.search, body: admitted.body, context: () => options.context(req, record, raw) };
    return executeThroughApollo(options.server, req, res, bridged);
  }
}
