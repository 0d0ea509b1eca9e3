import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Kind, parse, print, type DefinitionNode, type OperationDefinitionNode } from 'graphql';

import { SCHEMA_DIR } from './sdl';

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
      const body = print({ kind: Kind.DOCUMENT, definitions: [operation] });
      return { id: sha256(body), name: operation.name.value, type: operation.operation, body };
    });
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

export function readManifest(): PersistedOperationManifest {
  return JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as PersistedOperationManifest;
}
