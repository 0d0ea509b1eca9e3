import http from 'node:http';
import https from 'node:https';

import type { RemoteGraphQLDataSource } from '@apollo/gateway';

import { CALL_HEADER, PRINCIPAL_HEADER, signCall } from '../subgraphs/kernel/principal';
import type { InFlightCalls } from './in-flight-calls';

/** The fetcher interface RemoteGraphQLDataSource calls (@apollo/utils.fetcher's, through the gateway's types). */
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];

/**
 * Set by the data source's willSendRequest and consumed here, never sent: whether the
 * call is made for a mutation (its own time limit, never shared) or a query. The fetcher
 * sees only a URL and the request's init, so the call's kind travels in its headers.
 */
export const CALL_KIND_HEADER = 'x-gateway-call-kind';

export interface SubgraphFetcherSettings {
  readonly queryTimeoutMs: number;
  readonly mutationTimeoutMs: number;
  /** Identical query calls in flight for the same principal share one request. */
  readonly deduplicate: boolean;
  /** Signs each call's binding to its body (kernel/principal.ts, signCall). */
  readonly gatewaySecret: string;
}

/** A call's binding outlives its time limit by this much (the subgraph reads it after the call's bytes arrive). */
const CALL_DEADLINE_MARGIN_MS = 5_000;

/**
 * The fetcher of a subgraph's RemoteGraphQLDataSource: a keep-alive `node:http(s)` agent
 * and one write per call, where the default (make-fetch-happen over node-fetch) builds a
 * cache layer and WHATWG streams for every call. It binds each call to its exact body
 * (the bytes only exist here), gives it its time limit, and lets identical query calls
 * in flight for the same principal share one request: each caller gets a response of its
 * own over the shared text, so each parses its own copy (the gateway merges into what it
 * receives).
 */
export function createSubgraphFetcher(settings: SubgraphFetcherSettings, calls: InFlightCalls<SubgraphAnswer>): Fetcher {
  // LIFO keeps the fewest sockets warm; the limit bounds what one gateway opens to a subgraph.
  const agentOptions = { keepAlive: true, keepAliveMsecs: 10_000, maxSockets: 256, maxFreeSockets: 64, scheduling: 'lifo' as const };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };
  // A data source calls one URL: parsed once, not on every call.
  let endpoint: { readonly url: string; readonly options: Endpoint } | null = null;
  const endpointOf = (url: string): Endpoint => {
    if (endpoint?.url !== url) {
      const parsed = new URL(url);
      endpoint = { url, options: { secure: parsed.protocol === 'https:', hostname: parsed.hostname, port: parsed.port, path: `${parsed.pathname}${parsed.search}` } };
    }
    return endpoint.options;
  };

  return async (url: string, init: FetcherRequestInit = {}): Promise<FetcherResponse> => {
    const headers = { ...init.headers };
    const body = typeof init.body === 'string' ? init.body : (init.body?.toString('utf8') ?? '');
    const mutation = headers[CALL_KIND_HEADER] === 'mutation';
    delete headers[CALL_KIND_HEADER];
    const timeoutMs = mutation ? settings.mutationTimeoutMs : settings.queryTimeoutMs;
    const principal = headers[PRINCIPAL_HEADER];
    if (principal) headers[CALL_HEADER] = signCall(principal, body, settings.gatewaySecret, timeoutMs + CALL_DEADLINE_MARGIN_MS);
    const send = () => post(endpointOf(url), agents, body, headers, timeoutMs);
    const answer = !mutation && settings.deduplicate && principal ? await calls.share(calls.keyOf(url, principal, body), send) : await send();
    return new TextResponse(url, answer);
  };
}

/** A subgraph's answer, read whole: what de-duplicated callers share. */
export interface SubgraphAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly contentType: string | null;
  readonly text: string;
}

interface Endpoint {
  readonly secure: boolean;
  readonly hostname: string;
  readonly port: string;
  readonly path: string;
}

/** POSTs the body and resolves with the answer; rejects on a transport error or the time limit. */
function post(endpoint: Endpoint, agents: Record<'http:' | 'https:', http.Agent>, body: string, headers: Record<string, string>, timeoutMs: number): Promise<SubgraphAnswer> {
  const { secure, hostname, port, path } = endpoint;
  const request = secure ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(body);
    headers['content-length'] = String(payload.length);
    const options = { method: 'POST', hostname, port, path, agent: agents[secure ? 'https:' : 'http:'], headers };
    const req = request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        clearTimeout(timer);
        const contentType = res.headers['content-type'] ?? null;
        resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', contentType, text: Buffer.concat(chunks).toString('utf8') });
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

/** A fetch response over an answer already read: what RemoteGraphQLDataSource reads of it (status, content type, JSON). */
class TextResponse implements FetcherResponse {
  readonly redirected = false;
  readonly status: number;
  readonly ok: boolean;
  readonly statusText: string;
  readonly headers: FetcherHeaders;
  bodyUsed = false;

  constructor(
    readonly url: string,
    private readonly answer: SubgraphAnswer,
  ) {
    this.status = answer.status;
    this.ok = answer.status >= 200 && answer.status < 300;
    this.statusText = answer.statusText;
    this.headers = new AnswerHeaders(answer.contentType);
  }

  text(): Promise<string> {
    this.bodyUsed = true;
    return Promise.resolve(this.answer.text);
  }

  json(): Promise<unknown> {
    this.bodyUsed = true;
    try {
      return Promise.resolve(JSON.parse(this.answer.text) as unknown);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    const bytes = Buffer.from(this.answer.text);
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }

  clone(): FetcherResponse {
    return new TextResponse(this.url, this.answer);
  }
}

/** The answer's headers as the data source reads them: only its content type is kept. */
class AnswerHeaders implements FetcherHeaders {
  private readonly map: Map<string, string>;

  constructor(contentType: string | null) {
    this.map = new Map(contentType ? [['content-type', contentType]] : []);
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  append(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}
