import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { GraphQLError, parse } from 'graphql';

import { graphqlOverHttp } from '../../server/graphql-over-http';
import { recordRequests, requestIdOfError } from '../../server/http/record-requests';
import { recordPrincipal, type RequestRecord } from '../../server/http/request-record';
import { sendJson } from '../../server/http/responses';
import { readSubgraphSdl, type SubgraphName } from '../../schema/sdl';
import type { Principal } from '../kernel/principal';
import { accessRules, enforceAccessDirective } from '../../server/access-directive';
import { reusedFor } from '../../server/reused-check';
import { refuseMutationsOfReadOnlyPrincipals } from '../../server/read-only-principals';
import { maskError } from '../../server/graphql-errors';
import { closeServer, listen } from '../../server/listen';
import type { Logger } from '../../server/logger';
import { gatewayCallCheck } from './gateway-calls';
import { createRequestContext, type Clock, type RequestContext } from './request-context';

/** What a subgraph is, apart from where it listens: its resolvers and how it builds a request's context. */
export interface SubgraphParts<TContext extends BaseContext> {
  readonly name: SubgraphName;
  readonly resolvers: GraphQLResolverMap<TContext>;
  readonly createContext: (base: RequestContext) => TContext;
  /** Whether the subgraph can serve (its database answers). */
  readonly isReady: () => Promise<boolean>;
  /**
   * Runs after every mutation, before its answer leaves: the outbox relay delivers the
   * events the mutation committed, so in the embedded topology other subgraphs have
   * applied them by the time the client sends its next request.
   */
  readonly afterMutation?: () => Promise<void>;
}

export interface ServeSubgraphOptions {
  /** The secret the gateway signs the principal header with. */
  readonly gatewaySecret: string;
  /** Request lines and internal errors. */
  readonly logger: Logger;
  readonly clock: Clock;
  readonly port: number;
  readonly host?: string;
  readonly maxBodyBytes?: number;
}

export interface RunningSubgraph {
  readonly name: SubgraphName;
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Serves one subgraph over HTTP: `POST /graphql` and `GET /health`. Every GraphQL
 * request must carry a principal header signed by the gateway, `_entities` included;
 * errors are masked so no SQL or stack trace leaves the process.
 */
export async function serveSubgraph<TContext extends BaseContext>(
  parts: SubgraphParts<TContext>,
  options: ServeSubgraphOptions,
): Promise<RunningSubgraph> {
  const apollo = subgraphApollo(parts, options.logger);
  await apollo.start();
  const server = createServer(httpHandler(parts, apollo, options));
  server.keepAliveTimeout = 65_000;
  await listen(server, options.port, options.host ?? '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | null = null;
  return {
    name: parts.name,
    port,
    url: `http://${options.host ?? '127.0.0.1'}:${port}/graphql`,
    // Idempotent: a test may stop one subgraph and then the whole graph.
    stop: () =>
      (stopped ??= (async () => {
        await closeServer(server);
        await apollo.stop();
      })()),
  };
}

/** The fields of a subgraph's context the shared plugins read. */
type SharedContext = { readonly record?: RequestRecord; readonly principal?: Principal };
const shared = (context: BaseContext) => context as SharedContext;

/** Apollo Server over the subgraph's schema: the shared plugins, event delivery after a mutation, error masking. */
function subgraphApollo<TContext extends BaseContext>(parts: SubgraphParts<TContext>, logger: Logger): ApolloServer<TContext> {
  const sdl = readSubgraphSdl(parts.name);
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: parts.resolvers as GraphQLResolverMap<unknown> });
  return new ApolloServer<TContext>({
    schema,
    // Set explicitly: Apollo derives both from NODE_ENV, and a deployment that forgets it would leak.
    includeStacktraceInErrorResponses: false,
    introspection: false,
    csrfPrevention: true,
    // main.ts drains and stops everything in order; Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    // Traces are for Apollo Studio, which this graph does not report to; they cost time on every request.
    // Cache control computes an HTTP cache policy nothing here uses, and its per-field hook makes Apollo
    // wrap every resolver of every request.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      recordRequests<TContext>((context) => shared(context).record),
      refuseMutationsOfReadOnlyPrincipals<TContext>((context) => shared(context).principal),
      enforceAccessDirective<TContext>(accessRules(sdl), (context) => shared(context).principal),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ operation }) {
              if (operation?.operation !== 'mutation' || !parts.afterMutation) return;
              // The change is committed whatever happens here; the relay's poll retries a failed delivery.
              await parts.afterMutation().catch((e: unknown) => logger.error({ err: e }, `${parts.name}: event delivery failed`));
            },
          };
        },
      },
    ],
    formatError: (formatted, error) => maskError(formatted, error, (e) => logger.error({ reqId: requestIdOfError(error), err: e }, `${parts.name}: internal error`)),
  });
}

/** The subgraph's HTTP side: `/graphql` for calls that came through the gateway, and the health routes. */
function httpHandler<TContext extends BaseContext>(parts: SubgraphParts<TContext>, apollo: ApolloServer<TContext>, options: ServeSubgraphOptions) {
  const throughGateway = gatewayCallCheck(options.gatewaySecret);
  const readiness = reusedFor(1_000, () => parts.isReady().catch(() => false));
  const ready = async (_req: IncomingMessage, res: ServerResponse) => {
    const ok = await readiness();
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable' });
  };
  return graphqlOverHttp<TContext>({
    server: apollo,
    maxBodyBytes: options.maxBodyBytes ?? 2 * 1024 * 1024,
    logger: options.logger,
    context: async (req, record, body) => {
      const principal = throughGateway(req.headers, body);
      if (!principal) throw new GraphQLError('requests must come through the gateway', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      recordPrincipal(record, principal);
      return parts.createContext(createRequestContext(principal, options.clock, record));
    },
    routes: {
      // Readiness: the database answers (one check serves every probe for a second); liveness: the process answers.
      'GET /health': ready,
      'GET /health/ready': ready,
      'GET /health/live': (_req, res) => sendJson(res, 200, { status: 'ok' }),
    },
  });
}
