import { Lexer, Source, TokenKind } from 'graphql';

/** The document of a GraphQL request: the `query` parameter of a GET, the body's `query` of a POST. */
export function documentOf(method: string, body: unknown, search: string): unknown {
  return method === 'GET' ? new URLSearchParams(search).get('query') : (body as { query?: unknown } | undefined)?.query;
}

/**
 * Counts lexical tokens up to `limit + 1`: a document that is too big is refused before
 * a parser builds its tree (graphql-armor's Apollo token plugin re-parses inside a
 * plugin hook, where a plain syntax error turns into a 500). A lexing error stops the
 * count; the parser then reports it as usual.
 */
export function hasMoreTokensThan(document: string, limit: number): boolean {
  const lexer = new Lexer(new Source(document));
  try {
    for (let count = 0; count <= limit; count++) {
      if (lexer.advance().kind === TokenKind.EOF) return false;
    }
    return true;
  } catch {
    return false;
  }
}
