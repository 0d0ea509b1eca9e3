import type { IncomingMessage, ServerResponse } from 'node:http';

import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/** A request Apollo is to execute: what the HTTP layer admitted, and how to build its context. */
export interface BridgedRequest<TContext extends BaseContext> {
  readonly method: string;
  readonly search: string;
  readonly body: unknown;
  readonly context: () => Promise<TContext>;
}

/** Hands a request to Apollo Server (its documented `executeHTTPGraphQLRequest`) and writes Apollo's answer to the response. */
export async function executeThroughApollo<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  request: BridgedRequest<TContext>,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method, headers, search: request.search, body: request.body },
    context: request.context,
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
