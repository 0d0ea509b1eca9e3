import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

import { HeaderMap, type ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { context as otelContext, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Lexer, Source, TokenKind } from 'graphql';

import type { Principal } from '../subgraphs/kernel/principal';
import type { Logger } from './logger';

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

const requestOfError = new WeakMap<object, string>();

/**
 * The id of the request an error arose in (recorded by `recordRequests` before Apollo
 * formats errors), so the log line of an internal error names the request whose
 * `request` line and trace it belongs to.
 */
export function requestIdOfError(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? requestOfError.get(error) : undefined;
}

/**
 * Records the operation and the number of errors into the request's record (the
 * context's `record`), and which request each error arose in (`requestIdOfError`).
 */
export function recordRequests<TContext extends BaseContext>(recordOf: (context: TContext) => RequestRecord | undefined): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName, operation, contextValue }) {
          const record = recordOf(contextValue);
          if (!record) return;
          // A name is an identifier a client chose, of any length: the log line and labels keep its start.
          record.operationName = operationName ? operationName.slice(0, 100) : null;
          record.operationType = operation?.operation ?? null;
        },
        async didEncounterErrors({ errors, contextValue }) {
          const record = recordOf(contextValue);
          if (record) for (const error of errors) requestOfError.set(error, record.id);
        },
        async willSendResponse({ response, contextValue }) {
          const record = recordOf(contextValue);
          if (record && response.body.kind === 'single') record.errors = response.body.singleResult.errors?.length ?? 0;
        },
      };
    },
  };
}

/** Who asked, as a request's log line may say it: the principal's kind and tenant, never its subject. */
export function recordPrincipal(record: RequestRecord, principal: Principal): void {
  record.principalKind = principal.kind;
  record.tenantId = principal.kind === 'customer' ? principal.tenantId : null;
}

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
  readonly admit?: (request: { method: string; body: unknown; search: string }) => { body: unknown; search: string } | { refuse: string };
  /** Other routes by "METHOD /path". */
  readonly routes?: Readonly<Record<string, HttpRoute>>;
}

/**
 * Serves Apollo Server on a bare `node:http` server: `POST|GET /graphql` plus a few
 * named routes. Apollo Server 5 has no built-in integration that can add routes
 * (`startStandaloneServer` cannot, and `express4` is gone), and a bare handler keeps
 * the hot path free of a web framework's middleware stack.
 */
export function graphqlOverHttp<TContext extends BaseContext>(
  options: GraphQLOverHttpOptions<TContext>,
): RequestListener {
  const { server, context, maxBodyBytes, maxTokens, admit, routes = {}, logger, observe } = options;
  const tracer = trace.getTracer('licensing-graph-http');
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[`${req.method} ${url.pathname}`];
    const served = route ? Promise.resolve(route(req, res)) : traced(req, res, url);
    void served.catch((error: unknown) => {
      // Nothing a client sends may crash the process; what reaches here is a bug of ours.
      logger.error({ err: error }, 'http: unhandled error');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'internal error');
      else res.destroy();
    });
  };

  /** A GraphQL request in a server span (a child of the caller's, when its traceparent says so), logged and observed when answered. */
  function traced(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const started = performance.now();
    const given = req.headers[REQUEST_ID_HEADER];
    const record: RequestRecord = {
      id: typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID(),
      operationName: null,
      operationType: null,
      principalKind: null,
      tenantId: null,
      errors: 0,
    };
    res.setHeader(REQUEST_ID_HEADER, record.id);
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(`${req.method} ${url.pathname}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? '', 'url.path': url.pathname } }, parent);
    res.once('close', () => {
      const durationMs = performance.now() - started;
      const status = res.statusCode;
      if (record.operationName) span.updateName(`${record.operationType ?? 'operation'} ${record.operationName}`);
      span.setAttributes({ 'http.response.status_code': status, 'graphql.operation.name': record.operationName ?? '', 'graphql.operation.type': record.operationType ?? '', 'licensing.request_id': record.id, 'licensing.errors': record.errors });
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      const traceId = span.spanContext().traceId;
      logger.info(
        {
          reqId: record.id,
          ...(span.isRecording() || trace.getSpan(parent) ? { traceId } : {}),
          operation: record.operationName,
          operationType: record.operationType,
          principal: record.principalKind,
          tenant: record.tenantId,
          status,
          errors: record.errors,
          durationMs: Math.round(durationMs * 10) / 10,
        },
        'request',
      );
      observe?.(record, { status, durationMs });
    });
    return otelContext.with(trace.setSpan(parent, span), () => handle(req, res, url, record));
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL, record: RequestRecord): Promise<void> {
    if (url.pathname !== '/graphql') return sendError(res, 404, 'NOT_FOUND', 'not found');
    if (req.method !== 'POST' && req.method !== 'GET') {
      res.setHeader('allow', 'GET, POST');
      return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'use GET or POST');
    }

    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }

    let body: unknown = undefined;
    let raw: Buffer | null = null;
    if (req.method === 'POST') {
      raw = await readBody(req, maxBodyBytes);
      if (raw === null) {
        // Answered at once, and the connection closed after the answer: the rest of the
        // body is neither read nor waited for, however long it is or slowly it comes.
        res.setHeader('connection', 'close');
        return sendError(res, 413, 'PAYLOAD_TOO_LARGE', `request body exceeds ${maxBodyBytes} bytes`);
      }
      const contentType = headers.get('content-type') ?? '';
      if (contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json')) {
        try {
          body = raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8'));
        } catch {
          return sendError(res, 400, 'BAD_REQUEST', 'the request body is not valid JSON');
        }
      } else {
        body = raw.toString('utf8');
      }
    }

    let search = url.search;
    if (admit) {
      const admitted = admit({ method: req.method, body, search });
      if ('refuse' in admitted) return sendError(res, 400, 'PERSISTED_QUERY_NOT_FOUND', admitted.refuse);
      body = admitted.body;
      search = admitted.search;
    }

    if (maxTokens !== undefined) {
      const document = req.method === 'GET' ? new URLSearchParams(search).get('query') : (body as { query?: unknown } | undefined)?.query;
      if (typeof document === 'string' && hasMoreTokensThan(document, maxTokens)) {
        return sendError(res, 400, 'GRAPHQL_PARSE_FAILED', `the document has more than ${maxTokens} tokens`);
      }
    }

    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method, headers, search, body },
      context: () => context(req, record, raw),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

/**
 * Counts lexical tokens up to `limit + 1`: a document that is too big is refused before
 * a parser builds its tree (graphql-armor's Apollo token plugin re-parses inside a
 * plugin hook, where a plain syntax error turns into a 500). A lexing error stops the
 * count; the parser then reports it as usual.
 */
function hasMoreTokensThan(document: string, limit: number): boolean {
  const lexer = new Lexer(new Source(document));
  try {
    for (let count = 0; count <= limit; count++) {
      if (lexer.advance().kind === TokenKind.EOF) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * The body, or null as soon as it is known to be larger than `limit` (a declared length,
 * or the bytes read so far): nothing past the limit is buffered or waited for. What the
 * client still sends is discarded until the connection closes.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.resume();
      resolve(null);
    };
    const declared = Number(req.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return tooLarge();
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    req.on('error', reject);
    if (Number.isFinite(declared) && declared > limit) return tooLarge();
    req.on('data', onData);
    req.on('end', onEnd);
  });
}

/** A GraphQL-shaped error response for failures before GraphQL execution starts. */
export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** Sends a small JSON document (health answers and the like). */
export function sendJson(res: ServerResponse, status: number, document: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(document));
}
