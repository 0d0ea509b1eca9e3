import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, parse, type DefinitionNode, type DocumentNode, type SelectionSetNode } from 'graphql';

import type { Principal } from '../subgraphs/kernel/principal';

/** Mutation field → the principals `@access` lets call it (R30, R33). */
export type AccessRules = ReadonlyMap<string, ReadonlySet<string>>;

/** The `@access(principals: [...])` of every Mutation field of an SDL (a subgraph's or the supergraph). */
export function accessRules(sdl: string): AccessRules {
  const rules = new Map<string, Set<string>>();
  for (const definition of parse(sdl).definitions) {
    if ((definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) || definition.name.value !== 'Mutation') continue;
    for (const field of definition.fields ?? []) {
      const access = field.directives?.find((d) => d.name.value === 'access');
      const principals = access?.arguments?.find((a) => a.name.value === 'principals')?.value;
      if (principals?.kind !== Kind.LIST) continue;
      rules.set(field.name.value, new Set(principals.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []))));
    }
  }
  return rules;
}

/** How `@access` names a principal: OPERATOR, PARTNER, ANALYTICS or the customer's role. */
export function accessLabel(principal: Principal): string {
  switch (principal.kind) {
    case 'operator':
      return 'OPERATOR';
    case 'partner':
      return 'PARTNER';
    case 'analytics':
      return 'ANALYTICS';
    case 'customer':
      return principal.role;
  }
}

/** The root fields an operation selects, through fragments. */
function rootFields(selectionSet: SelectionSetNode, document: DocumentNode, seen = new Set<string>()): string[] {
  const fragments = new Map(
    document.definitions.flatMap((d: DefinitionNode) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, document, seen);
    const fragment = fragments.get(selection.name.value);
    if (!fragment || seen.has(fragment.name.value)) return [];
    seen.add(fragment.name.value);
    return rootFields(fragment.selectionSet, document, seen);
  });
}

/**
 * Enforces `@access` on mutations before anything runs: a principal the directive does
 * not name is FORBIDDEN, and so is every principal for a mutation field without the
 * directive (denied by default). The gateway installs it from the supergraph, every
 * subgraph from its own SDL; the fields' own guards (tenant, READ_ONLY partners) follow.
 */
export function enforceAccessDirective<TContext extends BaseContext>(
  rules: AccessRules,
  principalOf: (context: TContext) => Principal | undefined,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          const principal = principalOf(contextValue);
          if (!principal) return;
          const label = accessLabel(principal);
          for (const field of rootFields(operation.selectionSet, document)) {
            if (field === '__typename') continue;
            if (!rules.get(field)?.has(label)) {
              throw new GraphQLError(`${field} is not for this principal (${label})`, { extensions: { code: 'FORBIDDEN', http: { status: 200 } } });
            }
          }
        },
      };
    },
  };
}
