import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { context as otelContext, propagation } from '@opentelemetry/api';
import { GraphQLError } from 'graphql';

import { REQUEST_ID_HEADER, type RequestRecord } from '../server/http/request-record';
import { encodePrincipal, PRINCIPAL_HEADER, type Principal } from '../subgraphs/kernel/principal';
import type { InFlightCalls } from './in-flight-calls';
import type { SubgraphFailure } from './metrics';
import { CALL_KIND_HEADER, createSubgraphFetcher, type SubgraphAnswer, type SubgraphFetcherSettings } from './subgraph-fetcher';

export interface GatewayContext {
  readonly principal: Principal;
  /** Encoded once per request, sent with every subgraph fetch of it. */
  readonly principalHeader: string;
  /** The request's id (forwarded to the subgraphs), operation and outcome, for its log line and metrics. */
  readonly record: RequestRecord;
}

export function createGatewayContext(principal: Principal, gatewaySecret: string, record: RequestRecord): GatewayContext {
  return { principal, principalHeader: encodePrincipal(principal, gatewaySecret), record };
}

export interface SubgraphCallSettings extends SubgraphFetcherSettings {
  /** Told of every failed call (metrics): no answer, a non-2xx status, or GraphQL errors in the answer. */
  readonly onFailure?: (failure: SubgraphFailure) => void;
}

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;
type Response = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;

const isMutation = (options: Options) => 'incomingRequestContext' in options && options.incomingRequestContext.operation?.operation === 'mutation';

/**
 * A subgraph behind its URL: Apollo's RemoteGraphQLDataSource, told who is asking
 * (the verified principal, signed with the gateway secret), the request's id and trace,
 * and calling through our fetcher (keep-alive, each call bound to its body, its time
 * limit, identical queries in flight shared: subgraph-fetcher.ts). Calls for a mutation
 * are never shared, and each one that ends starts a new epoch of `calls`.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly settings: SubgraphCallSettings,
    private readonly calls: InFlightCalls<SubgraphAnswer>,
  ) {
    super({ url, fetcher: createSubgraphFetcher(settings, calls), honorSubgraphCacheControlHeader: false });
  }

  override async process(options: Options): Promise<Response> {
    if (!isMutation(options)) return super.process(options);
    try {
      return await super.process(options);
    } finally {
      this.calls.mutationEnded();
    }
  }

  override willSendRequest(options: Options): void {
    const headers = options.request.http!.headers;
    // Only calls for a client's operation carry its context (not health checks).
    const context = 'incomingRequestContext' in options ? options.context : null;
    headers.set(CALL_KIND_HEADER, isMutation(options) ? 'mutation' : 'query');
    if (context?.principalHeader) headers.set(PRINCIPAL_HEADER, context.principalHeader);
    if (context?.record) headers.set(REQUEST_ID_HEADER, context.record.id);
    // The trace goes on in the subgraph (W3C traceparent); a no-op when tracing is off.
    propagation.inject(otelContext.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
  }

  override didReceiveResponse({ response }: { response: Response }): Response {
    if (Array.isArray(response.errors)) this.settings.onFailure?.('graphql');
    return response;
  }

  override didEncounterError(error: Error): never {
    this.settings.onFailure?.(error instanceof GraphQLError ? 'status' : 'transport');
    throw error;
  }
}
