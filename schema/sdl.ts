import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The four subgraphs, in the order their SDL appears in the supergraph. */
export const SUBGRAPH_NAMES = ['catalog', 'entitlements', 'subscriptions', 'invoicing'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const SCHEMA_DIR = __dirname;
export const SUPERGRAPH_PATH = join(SCHEMA_DIR, 'supergraph.graphql');

/** A subgraph's SDL, read from this folder (never from process.cwd()). */
export function readSubgraphSdl(name: SubgraphName): string {
  return readFileSync(join(SCHEMA_DIR, `${name}.graphql`), 'utf8');
}

/** The committed supergraph the gateway serves. */
export function readSupergraphSdl(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}
