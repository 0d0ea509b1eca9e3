import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';

/**
 * A request whose operation cannot be chosen (an unknown `operationName`, or several
 * operations and none named) is the client's mistake: 400 with
 * OPERATION_RESOLUTION_FAILURE. Without this, `@apollo/gateway` throws while building its
 * operation context and Apollo Server answers 500, logged as an internal error.
 */
export function refuseUnresolvedOperations<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, document }) {
          if (operation) return;
          const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION).length;
          const message =
            request.operationName != null
              ? 'no operation in the document has the requested operationName'
              : operations > 1
                ? 'the document has several operations: name the one to run in operationName'
                : 'the document has no operation';
          throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
        },
      };
    },
  };
}
