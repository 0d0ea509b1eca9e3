import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

import { readSubgraphSdl, SUBGRAPH_NAMES } from './sdl';

/**
 * Composes the committed subgraph SDLs. The URL in the supergraph is a placeholder:
 * the gateway's `buildService` decides where each subgraph really is.
 */
export function composeSupergraph(): { supergraphSdl: string } | { errors: string[] } {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({
      name,
      url: `http://${name}.invalid/graphql`,
      typeDefs: parse(readSubgraphSdl(name)),
    })),
  );
  if (result.errors) return { errors: result.errors.map((e) => e.message) };
  return { supergraphSdl: result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n` };
}
