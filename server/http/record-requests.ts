import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

import type { RequestRecord } from './request-record';

const requestOfError = new WeakMap<object, string>();

/**
 * The id of the request an error arose in (recorded by `recordRequests` before Apollo
 * formats errors), so the log line of an internal error names the request whose
 * `request` line and trace it belongs to.
 */
export function requestIdOfError(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? requestOfError.get(error) : undefined;
}

/**
 * Records the operation and the number of errors into the request's record (the
 * context's `record`), and which request each error arose in (`requestIdOfError`).
 */
export function recordRequests<TContext extends BaseContext>(recordOf: (context: TContext) => RequestRecord | undefined): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName, operation, contextValue }) {
          const record = recordOf(contextValue);
          if (!record) return;
          // A name is an identifier a client chose, of any length: the log line and labels keep its start.
          record.operationName = operationName ? operationName.slice(0, 100) : null;
          record.operationType = operation?.operation ?? null;
        },
        async didEncounterErrors({ errors, contextValue }) {
          const record = recordOf(contextValue);
          if (record) for (const error of errors) requestOfError.set(error, record.id);
        },
        async willSendResponse({ response, contextValue }) {
          const record = recordOf(contextValue);
          if (record && response.body.kind === 'single') record.errors = response.body.singleResult.errors?.length ?? 0;
        },
      };
    },
  };
}
