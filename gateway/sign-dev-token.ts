import { SignJWT } from 'jose';

import { DEV_JWT_SECRET } from './config';

export interface DevTokenClaims {
  readonly scope: string;
  readonly sub?: string;
  readonly tenant?: string;
  readonly role?: string;
  readonly partner?: string;
  readonly ttlSeconds?: number;
}

/** Signs a token with the contract's claims (HS256, issuer, audience, exp), as the gateway expects them. */
export async function signDevToken(claims: DevTokenClaims, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const secret = env.AUTH_JWT_SECRET?.trim() || DEV_JWT_SECRET;
  const { scope, tenant, role, partner, ttlSeconds = 3600 } = claims;
  return new SignJWT({ scope, ...(tenant ? { tenant } : {}), ...(role ? { role } : {}), ...(partner ? { partner } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub ?? (partner ? `partner-user-of-${partner}` : tenant ? `user-of-${tenant}` : 'operator'))
    .setIssuer(env.AUTH_ISSUER?.trim() || 'licensing-dev')
    .setAudience(env.AUTH_AUDIENCE?.trim() || 'licensing-graph')
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
