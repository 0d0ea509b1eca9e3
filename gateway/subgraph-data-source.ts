import http from 'node:http';
import https from 'node:https';

import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { context as otelContext, propagation } from '@opentelemetry/api';
import { GraphQLError } from 'graphql';

import { REQUEST_ID_HEADER, type RequestRecord } from '../server/http/request-record';
import { CALL_HEADER, encodePrincipal, PRINCIPAL_HEADER, signCall, type Principal } from '../subgraphs/kernel/principal';
import type { SubgraphFailure } from './metrics';

export interface GatewayContext {
  readonly principal: Principal;
  /** Encoded once per request, sent with every subgraph fetch of it. */
  readonly principalHeader: string;
  /** Who is asking, without the header's expiry: the part of a de-duplication key that says whose answer it is. */
  readonly principalKey: string;
  /** The request's id (forwarded to the subgraphs), operation and outcome, for its log line and metrics. */
  readonly record: RequestRecord;
}

export function createGatewayContext(principal: Principal, gatewaySecret: string, record: RequestRecord): GatewayContext {
  return { principal, principalHeader: encodePrincipal(principal, gatewaySecret), principalKey: JSON.stringify(principal), record };
}

export interface SubgraphCallSettings {
  /** Time limit of a call made for a query. */
  readonly queryTimeoutMs: number;
  /** Time limit of a call made for a mutation (a billing run takes longer than any read). */
  readonly mutationTimeoutMs: number;
  /** Identical query calls in flight for the same principal share one request. */
  readonly deduplicate: boolean;
  /** Told of every failed call (metrics): no answer, a non-2xx status, or GraphQL errors in the answer. */
  readonly onFailure?: (failure: SubgraphFailure) => void;
  /** Signs each call's binding to its body (kernel/principal.ts, signCall). */
  readonly gatewaySecret: string;
}

/** A call's binding outlives its time limit by this much (the subgraph reads it after the call's bytes arrive). */
const CALL_DEADLINE_MARGIN_MS = 5_000;

/**
 * In-flight query calls by key, and the epoch that keeps a read from joining one started
 * before a mutation finished: every mutation call that ends (in any data source of the
 * process) starts a new epoch, so a client that has its mutation's answer never gets a
 * read that began before it. (A mutation made through another gateway replica is not
 * seen; the window is one call's duration, as with any replica lag.)
 */
class InFlightCalls {
  private epoch = 0;
  private readonly calls = new Map<string, Promise<string>>();

  keyOf(url: string, principalKey: string, body: string): string {
    return `${this.epoch}\n${url}\n${principalKey}\n${body}`;
  }

  share(key: string, send: () => Promise<string>): Promise<string> {
    const running = this.calls.get(key);
    if (running) return running;
    const call = send().finally(() => {
      if (this.calls.get(key) === call) this.calls.delete(key);
    });
    this.calls.set(key, call);
    return call;
  }

  mutationEnded(): void {
    this.epoch++;
  }
}

const inFlight = new InFlightCalls();

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * A subgraph behind its URL, called the way a profile of the gateway said it should be:
 * a keep-alive `node:http(s)` agent and one write per request, instead of the fetch
 * stack `RemoteGraphQLDataSource` builds for every call (node-fetch Headers and Request
 * objects, make-fetch-happen's cache layer, then WHATWG streams). It forwards the
 * verified principal (signed with the gateway secret), gives each call its time limit,
 * and, for queries, lets identical calls in flight for the same principal share one
 * request: each caller parses its own copy of the answer (the gateway merges into what
 * it receives).
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly request: typeof http.request;

  constructor(
    url: string,
    private readonly settings: SubgraphCallSettings,
  ) {
    this.url = new URL(url);
    const secure = this.url.protocol === 'https:';
    // LIFO keeps the fewest sockets warm; the limit bounds what one gateway opens to a subgraph.
    const agentOptions = { keepAlive: true, keepAliveMsecs: 10_000, maxSockets: 256, maxFreeSockets: 64, scheduling: 'lifo' as const };
    this.agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.request = secure ? https.request : http.request;
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName, extensions: request.extensions });
    // Only calls for a client's operation carry its context (not health checks).
    const incoming = 'incomingRequestContext' in options ? options : null;
    const context = incoming?.context ?? null;
    const mutation = incoming?.incomingRequestContext.operation?.operation === 'mutation';
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (context?.principalHeader) {
      headers[PRINCIPAL_HEADER] = context.principalHeader;
      const timeoutMs = mutation ? this.settings.mutationTimeoutMs : this.settings.queryTimeoutMs;
      headers[CALL_HEADER] = signCall(context.principalHeader, body, this.settings.gatewaySecret, timeoutMs + CALL_DEADLINE_MARGIN_MS);
    }
    if (context?.record) headers[REQUEST_ID_HEADER] = context.record.id;
    // The trace goes on in the subgraph (W3C traceparent); a no-op when tracing is off.
    propagation.inject(otelContext.active(), headers);

    let text: string;
    try {
      text = await this.send(mutation, context, body, headers);
    } catch (error) {
      this.settings.onFailure?.(error instanceof GraphQLError ? 'status' : 'transport');
      throw error;
    }
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the subgraph answered with something other than a JSON object');
    if (Array.isArray((parsed as { errors?: unknown }).errors)) this.settings.onFailure?.('graphql');
    return parsed as GatewayGraphQLResponse;
  }

  /** The call itself: a mutation alone (and a new epoch after it), a query shared with identical ones in flight when allowed. */
  private async send(mutation: boolean, context: GatewayContext | null, body: string, headers: Record<string, string>): Promise<string> {
    let text: string;
    if (mutation) {
      try {
        text = await this.post(body, headers, this.settings.mutationTimeoutMs);
      } finally {
        inFlight.mutationEnded();
      }
    } else if (this.settings.deduplicate && context) {
      text = await inFlight.share(inFlight.keyOf(this.url.href, context.principalKey, body), () => this.post(body, headers, this.settings.queryTimeoutMs));
    } else {
      text = await this.post(body, headers, this.settings.queryTimeoutMs);
    }
    return text;
  }

  /** POSTs the body and resolves with the answer's text; rejects on a non-2xx status, a transport error or the time limit. */
  private post(body: string, headers: Record<string, string>, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const payload = Buffer.from(body);
      const req = this.request(this.url, { method: 'POST', agent: this.agent, headers: { ...headers, 'content-length': String(payload.length) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          clearTimeout(timer);
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve(Buffer.concat(chunks).toString('utf8'));
          // As RemoteGraphQLDataSource reports it: 401 and 403 keep their meaning, the rest is masked.
          const code = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : undefined;
          reject(new GraphQLError(`${status}: ${res.statusMessage ?? ''}`, code ? { extensions: { code } } : {}));
        });
      });
      const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      function fail(error: Error): void {
        clearTimeout(timer);
        reject(error);
      }
      req.on('error', fail);
      req.end(payload);
    });
  }
}
