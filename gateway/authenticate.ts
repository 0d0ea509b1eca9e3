import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTVerifyGetKey } from 'jose';

import { principalFromClaims, type Principal } from '../subgraphs/kernel/principal';
import { BoundedCache } from '../server/bounded-cache';
import type { GatewayConfig } from './config';

/** Why a request has no principal; the client sees `UNAUTHENTICATED` with this message. */
export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}

export type Authenticate = (authorization: string | undefined) => Promise<Principal>;

/** How many verified tokens the gateway remembers (least recently used go first). */
const VERIFIED_TOKENS = 10_000;
/** How long a remembered token is trusted before its signature is checked again (a key may leave the JWKS). */
const RECHECK_VERIFIED_TOKEN_MS = 60_000;

/**
 * Verifies `Authorization: Bearer <JWT>` as the contract says: HS256 with the shared
 * secret, or RS256/ES256 from the JWKS when configured; issuer, audience and `exp`
 * required. `alg: none` and every other algorithm are refused by construction.
 *
 * A dashboard sends the same token with every request until it expires, and verifying
 * it (HMAC or RSA/ECDSA, claims) on every request is a visible share of the gateway's
 * CPU (bench/README.md). So a token that verified is remembered by its exact
 * text, with its principal, until its `exp` or for a minute, whichever comes first: a
 * repeat costs a lookup, and after that jose checks the token again (and refuses it
 * once expired). Tokens that fail are not remembered, and a token's claims cannot
 * change without changing its text.
 */
export function createAuthenticator(auth: GatewayConfig['auth']): Authenticate {
  const hsKey = auth.hs256Secret ? new TextEncoder().encode(auth.hs256Secret) : null;
  const jwks: JWTVerifyGetKey | null = auth.jwksUrl ? createRemoteJWKSet(new URL(auth.jwksUrl)) : null;
  const options = { issuer: auth.issuer, audience: auth.audience, requiredClaims: ['exp'] };

  const verified = new BoundedCache<string, { readonly principal: Principal; readonly recheckAtMs: number }>(VERIFIED_TOKENS);

  return async (authorization) => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw new AuthenticationError('missing bearer token');
    const token = match[1]!;
    const now = Date.now();
    const known = verified.get(token);
    if (known && now < known.recheckAtMs) return known.principal;
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new AuthenticationError('malformed token');
    }
    let payload: Record<string, unknown>;
    try {
      if (alg === 'HS256' && hsKey) {
        ({ payload } = await jwtVerify(token, hsKey, { ...options, algorithms: ['HS256'] }));
      } else if ((alg === 'RS256' || alg === 'ES256') && jwks) {
        ({ payload } = await jwtVerify(token, jwks, { ...options, algorithms: ['RS256', 'ES256'] }));
      } else {
        throw new AuthenticationError(`tokens signed with ${alg ?? 'no algorithm'} are not accepted`);
      }
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError(describe(error));
    }
    assertLifetime(payload, now, auth.maxTokenLifetimeSeconds);
    const principal = principalFromClaims(payload);
    if ('invalid' in principal) throw new AuthenticationError(principal.invalid);
    // `exp` is required, so jose has checked it is a number in the future; from then on jose says why the token is refused.
    verified.set(token, { principal, recheckAtMs: Math.min((payload.exp as number) * 1000, now + RECHECK_VERIFIED_TOKEN_MS) });
    return principal;
  };
}

/** How far ahead of our clock an issuer's may be: an `iat` this far in the future is still accepted. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * A token lives at most `maxSeconds` (AUTH_MAX_TOKEN_LIFETIME_SECONDS): `exp − iat` when
 * it says when it was issued, else `exp − now`; an `iat` in the future (beyond the clock
 * skew) is refused. A stolen token with an `exp` a century ahead would otherwise work
 * for a century.
 */
function assertLifetime(payload: Record<string, unknown>, nowMs: number, maxSeconds: number): void {
  const now = Math.floor(nowMs / 1000);
  const exp = payload.exp as number;
  const iat = payload.iat;
  if (typeof iat === 'number') {
    if (iat > now + CLOCK_SKEW_SECONDS) throw new AuthenticationError('the token is issued in the future');
    if (exp - iat > maxSeconds) throw new AuthenticationError(`the token lives longer than ${maxSeconds} seconds`);
  } else if (exp - now > maxSeconds) {
    throw new AuthenticationError(`the token lives longer than ${maxSeconds} seconds`);
  }
}

/** jose's error codes mapped to messages that tell the client what to fix and nothing else. */
function describe(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return `the token's ${(error as { claim?: string }).claim ?? 'claims'} claim is not accepted`;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the token signature does not verify';
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'no key of the key set matches the token';
    default:
      return 'the token is not valid';
  }
}
