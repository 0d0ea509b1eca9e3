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

/** Forwards the verified principal (signed with the gateway secret) to the subgraph. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (context.principalHeader) request.http?.headers.set(PRINCIPAL_HEADER, context.principalHeader);
  }
}
