import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';

import { encodePrincipal, PRINCIPAL_HEADER, type Principal } from '../subgraphs/kernel/principal';

export interface GatewayContext {
  readonly principal: Principal;
  /** Encoded once per request, sent with every subgraph fetch of it. */
  readonly principalHeader: string;
}

export function createGatewayContext(principal: Principal, gatewaySecret: string): GatewayContext {
  return { principal, principalHeader: encodePrincipal(principal, gatewaySecret) };
}

/**
 * Tells the gateway's own fetcher (gateway-server.ts) that a subgraph call is made for a
 * mutation, so it gets the mutations' time limit; the fetcher removes it before sending.
 */
export const MUTATION_CALL_HEADER = 'x-licensing-mutation-call';

/** Forwards the verified principal (signed with the gateway secret) to the subgraph. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const { request, context } = options;
    if (context.principalHeader) request.http?.headers.set(PRINCIPAL_HEADER, context.principalHeader);
    // Only calls for a client's operation carry its context (not health checks).
    if ('incomingRequestContext' in options && options.incomingRequestContext.operation?.operation === 'mutation') {
      request.http?.headers.set(MUTATION_CALL_HEADER, '1');
    }
  }
}
