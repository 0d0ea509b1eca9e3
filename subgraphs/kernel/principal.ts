import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Roles of a customer tenant's users (R30). */
export const ROLES = ['OWNER', 'ADMIN', 'SUPERVISOR', 'AGENT'] as const;
export type Role = (typeof ROLES)[number];

/** Scopes of the contract: customer and partner users read / write, operators provision, analytics aggregate. */
export const SCOPES = ['licensing:read', 'licensing:write', 'licensing:provision', 'analytics:read'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * Who is asking (R33). Derived once, from a verified token, by the gateway; the
 * subgraphs receive it in a signed header and never see the token itself.
 */
export type Principal =
  | { readonly kind: 'operator'; readonly sub: string; readonly scopes: readonly Scope[] }
  | {
      readonly kind: 'customer';
      readonly sub: string;
      readonly tenantId: string;
      readonly role: Role;
      readonly scopes: readonly Scope[];
    }
  | { readonly kind: 'partner'; readonly sub: string; readonly partnerId: string; readonly scopes: readonly Scope[] }
  | { readonly kind: 'analytics'; readonly sub: string; readonly scopes: readonly Scope[] };

/** The claims of the contract's tokens, as they come out of a verified JWT. */
export interface IdentityClaims {
  readonly sub?: unknown;
  readonly tenant?: unknown;
  readonly role?: unknown;
  readonly partner?: unknown;
  readonly scope?: unknown;
}

/**
 * Maps verified claims to a principal, or says why the token names none.
 * An operator scope wins over everything; then a partner claim; then a tenant; then analytics.
 */
export function principalFromClaims(claims: IdentityClaims): Principal | { readonly invalid: string } {
  if (typeof claims.sub !== 'string' || claims.sub === '') return { invalid: 'the token has no subject' };
  const sub = claims.sub;
  const words = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  const scopes = words.filter((w): w is Scope => (SCOPES as readonly string[]).includes(w));
  if (scopes.includes('licensing:provision')) return { kind: 'operator', sub, scopes };
  const licensing = scopes.includes('licensing:read') || scopes.includes('licensing:write');
  if (typeof claims.partner === 'string' && claims.partner !== '') {
    if (!licensing) return { invalid: 'a partner token needs licensing:read or licensing:write' };
    return { kind: 'partner', sub, partnerId: claims.partner, scopes };
  }
  if (typeof claims.tenant === 'string' && claims.tenant !== '') {
    if (!licensing) return { invalid: 'a customer token needs licensing:read or licensing:write' };
    if (typeof claims.role !== 'string' || !(ROLES as readonly string[]).includes(claims.role)) {
      return { invalid: `a customer token needs a role, one of ${ROLES.join(', ')}` };
    }
    return { kind: 'customer', sub, tenantId: claims.tenant, role: claims.role as Role, scopes };
  }
  if (scopes.includes('analytics:read')) return { kind: 'analytics', sub, scopes };
  return { invalid: 'the token names no tenant, partner or known scope' };
}

export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.includes(scope);
}

/** Whether the principal may read tenant data at all (before the per-tenant check). */
export function mayReadTenantData(principal: Principal): boolean {
  if (principal.kind === 'operator') return true;
  if (principal.kind === 'analytics') return false;
  return hasScope(principal, 'licensing:read') || hasScope(principal, 'licensing:write');
}

/** Whether the principal may change anything at all (before the per-tenant and per-role checks). R33. */
export function mayWrite(principal: Principal): boolean {
  if (principal.kind === 'operator') return true;
  if (principal.kind === 'analytics') return false;
  return hasScope(principal, 'licensing:write');
}

export const PRINCIPAL_HEADER = 'x-licensing-principal';

/** The development secret between gateway and subgraphs (both default to it outside production; refused in production). */
export const DEV_GATEWAY_SECRET = 'dev-gateway-secret-change-me';

/**
 * How long a principal header is honoured after the gateway signed it: long enough for
 * one request (the gateway signs one per request), short enough that a header captured
 * inside the network is soon worthless, whatever the life of the token behind it.
 */
export const PRINCIPAL_HEADER_TTL_SECONDS = 300;

/**
 * The header that carries the principal from the gateway to a subgraph:
 * base64url(JSON { principal, exp }) "." base64url(HMAC-SHA256(that, gateway secret)).
 * A subgraph that cannot verify it, or gets it after `exp`, refuses the request, so
 * nothing reaches a subgraph but through the gateway, the secret itself never travels,
 * and a replayed header stops working within PRINCIPAL_HEADER_TTL_SECONDS.
 */
export function encodePrincipal(principal: Principal, secret: string, now: Date = new Date()): string {
  const exp = Math.floor(now.getTime() / 1000) + PRINCIPAL_HEADER_TTL_SECONDS;
  const body = Buffer.from(JSON.stringify({ principal, exp })).toString('base64url');
  return `${body}.${sign(body, secret)}`;
}

/** The principal of a header made by {@link encodePrincipal}, or null when it is missing, forged, expired or malformed. */
export function decodePrincipal(header: string | undefined | null, secret: string, now: Date = new Date()): Principal | null {
  return principalIfHonoured(header ? verifyPrincipalHeader(header, secret) : null, now);
}

/** The principal of a verified header while it is honoured; null after its time is up (or when there is none). */
export function principalIfHonoured(verified: VerifiedPrincipalHeader | null | undefined, now: Date = new Date()): Principal | null {
  return verified && verified.expiresAtMs > now.getTime() ? verified.principal : null;
}

/** A header whose signature holds: its principal, and when the header stops being honoured. */
export interface VerifiedPrincipalHeader {
  readonly principal: Principal;
  readonly expiresAtMs: number;
}

/**
 * Checks a header's signature and shape, not its expiry: the caller compares
 * `expiresAtMs` with the time, so a verified header may be remembered and its expiry
 * checked again on every use. Null when it is forged or malformed.
 */
export function verifyPrincipalHeader(header: string, secret: string): VerifiedPrincipalHeader | null {
  const dot = header.indexOf('.');
  if (dot <= 0) return null;
  const body = header.slice(0, dot);
  const given = Buffer.from(header.slice(dot + 1), 'base64url');
  const expected = Buffer.from(sign(body, secret), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { principal?: Principal; exp?: unknown } | null;
    if (typeof parsed?.exp !== 'number') return null;
    const principal = parsed.principal;
    return typeof principal === 'object' && principal !== null && typeof principal.kind === 'string' ? { principal, expiresAtMs: parsed.exp * 1000 } : null;
  } catch {
    return null;
  }
}

function sign(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

/** The header that binds a principal header to one subgraph call: its body, a deadline, a nonce. */
export const CALL_HEADER = 'x-licensing-call';

/**
 * Binds the request's principal header to one subgraph call (issue 16: a captured
 * principal header alone worked for any operation for five minutes):
 * `<exp ms>.<nonce>.<HMAC-SHA256(principal header, exp, nonce, SHA-256 of the body)>`. A
 * subgraph honours the call only with this body, before `exp` (the call's time limit
 * from when it was signed), and once per nonce. The principal header stays one per
 * request, verified once and remembered; this is a hash and an HMAC per call.
 */
/**
 * A call's nonce: unique, not secret (the HMAC makes it unforgeable): this process's
 * random prefix and a counter (a random draw per call stood out in the gateway's profile).
 */
const NONCE_PREFIX = randomBytes(9).toString('base64url');
let nonceCounter = 0;

export function signCall(principalHeader: string, body: Buffer | string, secret: string, ttlMs: number, now: number = Date.now()): string {
  const exp = now + ttlMs;
  const nonce = `${NONCE_PREFIX}${(nonceCounter++).toString(36)}`;
  return `${exp}.${nonce}.${callSignature(principalHeader, exp, nonce, body, secret)}`;
}

/** A call whose binding holds: its nonce (to refuse a replay) and until when it is honoured. */
export interface VerifiedCall {
  readonly nonce: string;
  readonly expiresAtMs: number;
}

/** The call of a header made by {@link signCall} for this principal header and body, or null: forged, for another body, expired or malformed. */
export function verifyCall(callHeader: string | undefined, principalHeader: string, body: Buffer | string, secret: string, now: number = Date.now()): VerifiedCall | null {
  const parts = callHeader?.split('.');
  if (!parts || parts.length !== 3) return null;
  const [expText, nonce, signature] = parts as [string, string, string];
  const exp = Number(expText);
  if (!Number.isSafeInteger(exp) || exp <= now || nonce === '') return null;
  const given = Buffer.from(signature, 'base64url');
  const expected = Buffer.from(callSignature(principalHeader, exp, nonce, body, secret), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { nonce, expiresAtMs: exp };
}

function callSignature(principalHeader: string, exp: number, nonce: string, body: Buffer | string, secret: string): string {
  const digest = createHash('sha256').update(body).digest('base64url');
  return createHmac('sha256', secret).update(`call\n${principalHeader}\n${exp}\n${nonce}\n${digest}`).digest('base64url');
}

/** Operators only (catalog changes, backdating, provisioning switches). */
export function isOperator(principal: Principal): boolean {
  return principal.kind === 'operator';
}
