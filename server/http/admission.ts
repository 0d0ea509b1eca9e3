/** A GraphQL request as it arrives, before parsing: its method, parsed body (POST) and query string (GET). */
export interface ArrivingRequest {
  readonly method: string;
  readonly body: unknown;
  readonly search: string;
}

/**
 * Decides, before parsing, whether a request is served, and may complete it (the
 * gateway's persisted operations: an id becomes its document). `refuse` is answered as
 * 400 PERSISTED_QUERY_NOT_FOUND.
 */
export type Admission = (request: ArrivingRequest) => { readonly body: unknown; readonly search: string } | { readonly refuse: string };
