import { Lexer, Source, TokenKind } from 'graphql';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/** A route beside `/graphql` (e.g. `GET /health`). */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface GraphQLOverHttpOptions<TContext extends BaseContext> {
  readonly server: ApolloServer<TContext>;
  /** Builds the per-request context; may throw a GraphQLError (e.g. UNAUTHENTICATED). */
  readonly context: (req: IncomingMessage) => Promise<TContext>;
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
  const { server, context, maxBodyBytes, maxTokens, admit, routes = {} } = options;
  return (req, res) => {
    void handle(req, res).catch((error: unknown) => {
      // Nothing a client sends may crash the process; what reaches here is a bug of ours.
      console.error('http: unhandled error', error);
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'internal error');
      else res.destroy();
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[`${req.method} ${url.pathname}`];
    if (route) return route(req, res);
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
    if (req.method === 'POST') {
      const raw = await readBody(req, maxBodyBytes);
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
      context: () => context(req),
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
