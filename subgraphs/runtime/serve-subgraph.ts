import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { GraphQLError, parse } from 'graphql';

import { graphqlOverHttp, recordPrincipal, recordRequests, requestIdOfError, sendJson, type RequestRecord } from '../../server/graphql-over-http';
import { readSubgraphSdl, type SubgraphName } from '../../schema/sdl';
import {
  CALL_HEADER,
  PRINCIPAL_HEADER,
  principalIfHonoured,
  verifyCall,
  verifyPrincipalHeader,
  type Principal,
  type VerifiedCall,
  type VerifiedPrincipalHeader,
} from '../kernel/principal';
import { accessRules, enforceAccessDirective } from '../../server/access-directive';
import { reusedFor } from '../../server/reused-check';
import { BoundedCache } from '../../server/bounded-cache';
import { refuseMutationsOfReadOnlyPrincipals } from '../../server/read-only-principals';
import { maskError } from '../../server/graphql-errors';
import { closeServer, listen } from '../../server/listen';
import type { Logger } from '../../server/logger';
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
  const sdl = readSubgraphSdl(parts.name);
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: parts.resolvers as GraphQLResolverMap<unknown> });
  const apollo = new ApolloServer<TContext>({
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
      recordRequests<TContext>((context) => (context as unknown as { record?: RequestRecord }).record),
      refuseMutationsOfReadOnlyPrincipals<TContext>((context) => (context as unknown as { principal?: Principal }).principal),
      enforceAccessDirective<TContext>(accessRules(sdl), (context) => (context as unknown as { principal?: Principal }).principal),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ operation }) {
              if (operation?.operation !== 'mutation' || !parts.afterMutation) return;
              // The change is committed whatever happens here; the relay's poll retries a failed delivery.
              await parts.afterMutation().catch((e: unknown) => options.logger.error({ err: e }, `${parts.name}: event delivery failed`));
            },
          };
        },
      },
    ],
    formatError: (formatted, error) =>
      maskError(formatted, error, (e) => options.logger.error({ reqId: requestIdOfError(error), err: e }, `${parts.name}: internal error`)),
  });
  await apollo.start();

  // The gateway signs one header per request and sends it with each of that request's
  // subgraph calls: its signature is checked once, its expiry on every use.
  const verified = new BoundedCache<string, VerifiedPrincipalHeader>(1_000);
  const principalOf = (header: string | undefined): Principal | null => {
    if (!header) return null;
    let found = verified.get(header);
    if (!found) {
      const checked = verifyPrincipalHeader(header, options.gatewaySecret);
      if (!checked) return null;
      verified.set(header, (found = checked));
    }
    return principalIfHonoured(found);
  };

  // A call is honoured once: its nonce is remembered until the call's deadline. Past this
  // many calls within one deadline the oldest nonces are forgotten first.
  const usedCalls = new BoundedCache<string, number>(100_000);
  const isFirstUse = (call: VerifiedCall | null): boolean => {
    if (!call) return false;
    const seen = usedCalls.get(call.nonce);
    if (seen !== undefined && seen > Date.now()) return false;
    usedCalls.set(call.nonce, call.expiresAtMs);
    return true;
  };

  const readiness = reusedFor(1_000, () => parts.isReady().catch(() => false));
  const ready = async (_req: IncomingMessage, res: ServerResponse) => {
    const ok = await readiness();
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable' });
  };

  const listener = graphqlOverHttp<TContext>({
    server: apollo,
    maxBodyBytes: options.maxBodyBytes ?? 2 * 1024 * 1024,
    logger: options.logger,
    context: async (req, record, body) => {
      const header = firstOf(req.headers[PRINCIPAL_HEADER]);
      const principal = principalOf(header);
      if (!principal || !body || !isFirstUse(verifyCall(firstOf(req.headers[CALL_HEADER]), header!, body, options.gatewaySecret))) {
        throw new GraphQLError('requests must come through the gateway', {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
        });
      }
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

  const server = createServer(listener);
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

const firstOf = (header: string | string[] | undefined): string | undefined => (Array.isArray(header) ? header[0] : header);
