import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';

import { mayWrite, type Principal } from '../subgraphs/kernel/principal';

/**
 * R33: a principal that may not write (analytics, a token without `licensing:write`) is
 * refused every mutation, FORBIDDEN, before any resolver runs: whatever the mutation and
 * whether or not it can see the tenant it names. The gateway and every subgraph install
 * it, so a mutation added later is covered without a guard of its own.
 */
export function refuseMutationsOfReadOnlyPrincipals<TContext extends BaseContext>(principalOf: (context: TContext) => Principal | undefined): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          const principal = principalOf(contextValue);
          if (principal && !mayWrite(principal)) {
            throw new GraphQLError('this principal may read but not change anything', { extensions: { code: 'FORBIDDEN', http: { status: 200 } } });
          }
        },
      };
    },
  };
}
