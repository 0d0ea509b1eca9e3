import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';

import { graphqlOverHttp, sendJson } from '../http/graphql-over-http';
import { readSupergraphSdl, type SubgraphName } from '../schema/sdl';
import { maskError } from '../subgraphs/runtime/graphql-errors';
import { closeServer, listen } from '../subgraphs/runtime/serve-subgraph';
import { AuthenticationError, createAuthenticator } from './authenticate';
import type { GatewayConfig } from './config';
import { checkSubgraphs } from './health';
import { createGatewayContext, SubgraphDataSource, type GatewayContext } from './subgraph-data-source';

export interface GatewayServer {
  readonly server: Server;
  /** Binds the port (0: a free one) and returns the GraphQL URL. */
  listen(port: number, host: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The gateway, built but not listening: `@apollo/gateway` over the committed
 * supergraph (no introspection of subgraphs at start-up), identity verified here and
 * forwarded signed, `/health` beside `/graphql`.
 */
export async function createGatewayServer(
  config: GatewayConfig,
  subgraphUrls: Readonly<Record<SubgraphName, string>>,
): Promise<GatewayServer> {
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraphSdl(),
    buildService: ({ name }) => new SubgraphDataSource({ url: subgraphUrls[name as SubgraphName] }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Explicit: Apollo derives both from NODE_ENV, and a deployment that forgets it would leak.
    includeStacktraceInErrorResponses: false,
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    csrfPrevention: true,
    // main.ts drains and stops everything in order; Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => maskError(formatted, error, (e) => console.error('gateway: internal error', e)),
  });
  await apollo.start();

  const authenticate = createAuthenticator(config.auth);
  const server = createServer(
    graphqlOverHttp<GatewayContext>({
      server: apollo,
      maxBodyBytes: config.maxBodyBytes,
      context: async (req) => {
        try {
          const principal = await authenticate(req.headers.authorization);
          return createGatewayContext(principal, config.gatewaySecret);
        } catch (error) {
          const message = error instanceof AuthenticationError ? error.message : 'authentication failed';
          throw new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        }
      },
      routes: {
        'GET /health': async (_req, res) => {
          const subgraphs = await checkSubgraphs(subgraphUrls, 2_000);
          const ok = Object.values(subgraphs).every((status) => status === 'ok');
          sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', subgraphs });
        },
      },
    }),
  );
  server.keepAliveTimeout = 65_000;

  return {
    server,
    listen: async (port, host) => {
      await listen(server, port, host);
      const address = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      return `http://${shownHost}:${address.port}/graphql`;
    },
    stop: async () => {
      await closeServer(server);
      await apollo.stop();
    },
  };
}
