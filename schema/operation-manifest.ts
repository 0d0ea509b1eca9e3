import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { BREAK, Kind, parse, print, visit, type DefinitionNode, type DocumentNode, type OperationDefinitionNode } from 'graphql';

import { SCHEMA_DIR } from './sdl';

// Not named after the manifest (persisted-operations.json): Node's require tries `.json`
// before a registered `.ts`, so a module of the manifest's name resolved to the JSON.

/** The allow-list the gateway serves in `PERSISTED_QUERIES=strict` mode. */
export const MANIFEST_PATH = join(SCHEMA_DIR, 'persisted-operations.json');
/** The contract's operations (clients already send them) and this project's own. */
export const CONTRACT_OPERATIONS_PATH = join(SCHEMA_DIR, '../../shared/contract/operations.graphql');
export const PROJECT_OPERATIONS_DIR = join(SCHEMA_DIR, 'operations');

export interface ManifestOperation {
  /** sha256 of `body`: the `persistedQuery.sha256Hash` a client sends. */
  readonly id: string;
  readonly name: string;
  readonly type: 'query' | 'mutation' | 'subscription';
  readonly body: string;
}

/** Apollo's persisted query manifest format. */
export interface PersistedOperationManifest {
  readonly format: 'apollo-persisted-query-manifest';
  readonly version: 1;
  readonly operations: readonly ManifestOperation[];
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** One manifest entry per named operation, each printed on its own (no fragments are used). */
export function buildManifest(): PersistedOperationManifest {
  const sources = [readFileSync(CONTRACT_OPERATIONS_PATH, 'utf8')];
  if (existsSync(PROJECT_OPERATIONS_DIR)) {
    for (const file of readdirSync(PROJECT_OPERATIONS_DIR).filter((f) => f.endsWith('.graphql')).sort()) {
      sources.push(readFileSync(join(PROJECT_OPERATIONS_DIR, file), 'utf8'));
    }
  }
  const operations = sources
    .flatMap((source) => parse(source).definitions)
    .filter((d: DefinitionNode): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => {
      if (!operation.name) throw new Error('every persisted operation needs a name');
      if (spreadsFragments(operation)) throw new Error(`${operation.name.value}: persisted operations use no fragments`);
      const body = printOperation(operation);
      return { id: sha256(body), name: operation.name.value, type: operation.operation, body };
    });
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

/**
 * The manifest's text of one operation of a document: the one named `operationName`, or
 * the only one; null when there is no such operation or it spreads fragments (the
 * manifest's operations use none, so such a document is none of them).
 */
export function printedOperation(document: DocumentNode, operationName: string | null): string | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName === null ? (operations.length === 1 ? operations[0] : undefined) : operations.find((o) => o.name?.value === operationName);
  return operation && !spreadsFragments(operation) ? printOperation(operation) : null;
}

/** One operation alone in a document, printed: a manifest entry's body. */
function printOperation(operation: OperationDefinitionNode): string {
  return print({ kind: Kind.DOCUMENT, definitions: [operation] });
}

export function readManifest(): PersistedOperationManifest {
  return JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as PersistedOperationManifest;
}

function spreadsFragments(operation: OperationDefinitionNode): boolean {
  let spreads = false;
  visit(operation, {
    FragmentSpread() {
      spreads = true;
      return BREAK;
    },
  });
  return spreads;
}
