import { parse } from 'graphql';

import { printedOperation, sha256, type PersistedOperationManifest } from '../schema/operation-manifest';

export type PersistedQueriesMode = 'apq' | 'strict';

export interface AdmittedRequest {
  readonly body: unknown;
  readonly search: string;
}

export type Admission = AdmittedRequest | { readonly refuse: string };

/**
 * `PERSISTED_QUERIES=strict`: only the operations of the manifest (the contract's and the
 * project's, `schema/persisted-operations.json`) are accepted. A client sends the hash
 * alone (`extensions.persistedQuery.sha256Hash`, the query is filled in from the
 * manifest) or the text of a manifest operation: as the manifest prints it, as written in
 * `operations.graphql` (any layout and comments), or inside a document of several
 * operations with `operationName`. Whatever the client sent, what executes is the
 * manifest's text; anything else is refused before execution (the text is parsed only to
 * find its operation, after the token limit). Automatic persisted queries (`apq`, the
 * default) accept any operation and let clients send a hash once the gateway has seen
 * its text.
 */
export function strictAllowList(manifest: PersistedOperationManifest): (request: { method: string; body: unknown; search: string }) => Admission {
  const byId = new Map(manifest.operations.map((operation) => [operation.id, operation.body]));
  return ({ method, body, search }) => {
    if (method === 'GET') {
      const params = new URLSearchParams(search);
      const query = params.get('query');
      const hash = hashOf(parseJson(params.get('extensions')));
      const admitted = admit(byId, query, params.get('operationName'), hash);
      if ('refuse' in admitted) return admitted;
      params.set('query', admitted.query);
      return { body, search: `?${params.toString()}` };
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { refuse: 'send one operation of the allow-list' };
    const request = body as { query?: unknown; operationName?: unknown; extensions?: unknown };
    const operationName = typeof request.operationName === 'string' ? request.operationName : null;
    const admitted = admit(byId, typeof request.query === 'string' ? request.query : null, operationName, hashOf(request.extensions));
    if ('refuse' in admitted) return admitted;
    return { body: { ...request, query: admitted.query }, search };
  };
}

function admit(byId: ReadonlyMap<string, string>, query: string | null, operationName: string | null, hash: string | null): { query: string } | { refuse: string } {
  if (query !== null) {
    const known = byId.get(sha256(query)) ?? byId.get(sha256(normalised(query, operationName) ?? ''));
    return known ? { query: known } : { refuse: 'this gateway accepts only the operations of its allow-list' };
  }
  const known = hash ? byId.get(hash) : undefined;
  return known ? { query: known } : { refuse: 'unknown persisted operation: this gateway accepts only the operations of its allow-list' };
}

/** The operation the client means, printed as the manifest prints it; null when the text does not parse or names none. */
function normalised(query: string, operationName: string | null): string | null {
  try {
    return printedOperation(parse(query, { noLocation: true }), operationName);
  } catch {
    return null;
  }
}

function hashOf(extensions: unknown): string | null {
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null)?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : null;
}

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
