import './flat-exports';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';

import { graphqlOverHttp, type HttpRoute } from '../server/graphql-over-http';
import { recordRequests, requestIdOfError } from '../server/http/record-requests';
import { recordPrincipal } from '../server/http/request-record';
import { sendJson } from '../server/http/responses';
import { readManifest } from '../schema/operation-manifest';
import { readSupergraphSdl } from '../schema/sdl';
import { DateTimeScalar } from '../server/date-time-scalar';
import { maskError, withoutSuggestions } from '../server/graphql-errors';
import { accessRules, enforceAccessDirective } from '../server/access-directive';
import { refuseMutationsOfReadOnlyPrincipals } from '../server/read-only-principals';
import { createLogger, type Logger } from '../server/logger';
import { closeServer, listen } from '../server/listen';
import { AuthenticationError, createAuthenticator } from './authenticate';
import type { GatewayConfig } from './config';
import { subgraphReadiness } from './health';
import { refuseInvalidInput } from './input-values';
import { createGatewayMetrics, type GatewayMetrics } from './metrics';
import { refuseUnresolvedOperations } from './operation-resolution';
import { strictAllowList } from './persisted-queries';
import { InFlightCalls } from './in-flight-calls';
import { createGatewayContext, SubgraphDataSource, type GatewayContext } from './subgraph-data-source';
import type { SubgraphAnswer } from './subgraph-fetcher';

/** Validation errors answered for one document before validation stops (graphql's maxErrors). */
const MAX_VALIDATION_ERRORS = 5;

export interface GatewayServer {
  readonly server: Server;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  /** Binds the port (0: a free one) and returns the GraphQL URL. */
  listen(port: number, host: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The gateway, built but not listening: `@apollo/gateway` over the committed
 * supergraph (no introspection of subgraphs at start-up), identity verified here and
 * forwarded signed, `/health` beside `/graphql`. Another supergraph (and its subgraphs'
 * URLs) can be given: the gateway benchmark serves the shared harness's graph with
 * exactly the production set-up.
 */
export interface GatewayServerOptions {
  /** Another supergraph than the committed one (the gateway benchmark's). */
  readonly supergraphSdl?: string;
  /** Where the gateway logs; default JSON lines on stdout at LOG_LEVEL (a test reads them). */
  readonly logger?: Logger;
}

export async function createGatewayServer(
  config: GatewayConfig,
  subgraphUrls: Readonly<Record<string, string>>,
  options: GatewayServerOptions = {},
): Promise<GatewayServer> {
  const supergraphSdl = options.supergraphSdl ?? readSupergraphSdl();
  const logger = options.logger ?? createLogger('gateway', config.telemetry.logLevel);
  const metrics = createGatewayMetrics(readManifest().operations.map((operation) => operation.name));
  const gateway = federationGateway(config, supergraphSdl, subgraphUrls, metrics);
  const apollo = apolloServer(config, gateway, supergraphSdl, logger);
  await apollo.start();
  const server = createServer(httpHandler(config, apollo, subgraphUrls, logger, metrics));
  server.keepAliveTimeout = 65_000;

  return {
    server,
    logger,
    metrics,
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

/**
 * `@apollo/gateway` over the supergraph, calling each subgraph through a
 * SubgraphDataSource. Its calls in flight are this gateway's own (in-flight-calls.ts).
 */
function federationGateway(config: GatewayConfig, supergraphSdl: string, subgraphUrls: Readonly<Record<string, string>>, metrics: GatewayMetrics): ApolloGateway {
  const calls = new InFlightCalls<SubgraphAnswer>();
  return new ApolloGateway({
    supergraphSdl,
    // Each subgraph call has its own time limit (a query's, or a mutation's): the gateway
    // has none by default, and a subgraph that never answers would hold the client
    // forever. Its fields then fail (masked), the others answer.
    buildService: ({ name }) =>
      new SubgraphDataSource(
        subgraphUrls[name]!,
        {
          queryTimeoutMs: config.subgraphTimeoutMs,
          mutationTimeoutMs: config.subgraphMutationTimeoutMs,
          deduplicate: config.subgraphDeduplication,
          gatewaySecret: config.gatewaySecret,
          onFailure: (failure) => metrics.subgraphFailed(name, failure),
        },
        calls,
      ),
  });
}

/** graphql-armor's limits, as the configuration sets them. */
function armorOf(config: GatewayConfig) {
  return new ApolloArmor({
    maxDepth: { n: config.limits.maxDepth, ignoreIntrospection: true },
    // Every alias counts, `__typename`'s too (armor lets those through by default: 101 aliases of it are a scanner's finding).
    maxAliases: { n: config.limits.maxAliases, allowList: [] },
    // Counted in the HTTP layer instead (server/http/token-limit.ts: Armor's Apollo token
    // plugin turns every syntax error into a 500).
    maxTokens: { enabled: false },
    maxDirectives: { n: config.limits.maxDirectives },
    costLimit: { maxCost: config.limits.maxCost },
    // Suggestions ("did you mean ...") map the schema for a client that may not see it; in
    // production every answered error loses them in formatError (withoutSuggestions).
    blockFieldSuggestion: { enabled: false },
  }).protect();
}

/** Apollo Server over the gateway: the limits, the plugins that check a request before it is planned, error masking. */
function apolloServer(config: GatewayConfig, gateway: ApolloGateway, supergraphSdl: string, logger: Logger): ApolloServer<GatewayContext> {
  const armor = armorOf(config);
  return new ApolloServer<GatewayContext>({
    gateway,
    plugins: [
      // No HTTP caching of GraphQL answers: the policy it computes per request is unused.
      ApolloServerPluginCacheControlDisabled(),
      // No HTML page at the graph's URL in production (Apollo picks one from NODE_ENV, not from this config).
      ...(config.production ? [ApolloServerPluginLandingPageDisabled()] : []),
      ...armor.plugins,
      refuseUnresolvedOperations<GatewayContext>(),
      // The subgraphs read DateTime strictly; the gateway's schema, built from SDL, would pass anything on.
      refuseInvalidInput<GatewayContext>({ DateTime: (value) => DateTimeScalar.parseValue(value) }),
      recordRequests<GatewayContext>((context) => context.record),
      refuseMutationsOfReadOnlyPrincipals<GatewayContext>((context) => context.principal),
      // R30, R33: who may call each mutation, as the schema documents it (@access).
      enforceAccessDirective<GatewayContext>(accessRules(supergraphSdl), (context) => context.principal),
    ],
    validationRules: armor.validationRules,
    // Selections counted through fragments: 500 copies of one field are refused as the
    // 500 distinct ones would be. Validation stops after a few errors (a document of ten
    // unknown directives gets six errors, not ten).
    maxRecursiveSelections: config.limits.maxSelections,
    validationOptions: { maxErrors: MAX_VALIDATION_ERRORS },
    allowBatchedHttpRequests: false,
    // Explicit: Apollo derives both from NODE_ENV, and a deployment that forgets it would leak.
    includeStacktraceInErrorResponses: false,
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    csrfPrevention: true,
    // main.ts drains and stops everything in order; Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => {
      const masked = maskError(formatted, error, (e) => logger.error({ reqId: requestIdOfError(error), err: e }, 'gateway: internal error'));
      return config.production ? withoutSuggestions(masked) : masked;
    },
  });
}

/** The gateway's HTTP side: `/graphql` with the token verified into the context, and the health routes. */
function httpHandler(config: GatewayConfig, apollo: ApolloServer<GatewayContext>, subgraphUrls: Readonly<Record<string, string>>, logger: Logger, metrics: GatewayMetrics) {
  const authenticate = createAuthenticator(config.auth);
  const readiness = subgraphReadiness(subgraphUrls, 2_000);
  const ready: HttpRoute = async (_req, res) => {
    const subgraphs = await readiness();
    const ok = Object.values(subgraphs).every((status) => status === 'ok');
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', subgraphs });
  };
  return graphqlOverHttp<GatewayContext>({
    server: apollo,
    maxBodyBytes: config.maxBodyBytes,
    maxTokens: config.limits.maxTokens,
    ...(config.persistedQueries === 'strict' ? { admit: strictAllowList(readManifest()) } : {}),
    logger,
    observe: (record, outcome) => metrics.observeRequest(record, outcome),
    context: async (req, record) => {
      try {
        const principal = await authenticate(req.headers.authorization);
        recordPrincipal(record, principal);
        return createGatewayContext(principal, config.gatewaySecret, record);
      } catch (error) {
        const message = error instanceof AuthenticationError ? error.message : 'authentication failed';
        throw new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
    },
    routes: {
      // Readiness (the contract's /health): every subgraph ready; liveness: this process answers.
      'GET /health': ready,
      'GET /health/ready': ready,
      'GET /health/live': (_req, res) => sendJson(res, 200, { status: 'ok' }),
    },
  });
}
