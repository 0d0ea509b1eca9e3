import type { ServerResponse } from 'node:http';

/** A GraphQL-shaped error response for failures before GraphQL execution starts. */
export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

/** Sends a small JSON document (health answers and the like). */
export function sendJson(res: ServerResponse, status: number, document: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(document));
}
