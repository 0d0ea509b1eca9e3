import { signDevToken } from '../../gateway/sign-dev-token';

export interface TokenClaims {
  readonly scope: string;
  readonly sub?: string;
  readonly tenant?: string;
  readonly role?: 'OWNER' | 'ADMIN' | 'SUPERVISOR' | 'AGENT';
  readonly partner?: string;
  readonly ttlSeconds?: number;
}

/** A token signed as a client would get it (the dev HS256 secret, the contract's issuer and audience). */
export function tokenFor(claims: TokenClaims): Promise<string> {
  return signDevToken(claims, {});
}

/** A customer user of a tenant with read and write scopes. */
export function customer(tenant: string, role: TokenClaims['role'] = 'ADMIN', sub = `user-of-${tenant}`): TokenClaims {
  return { scope: 'licensing:read licensing:write', tenant, role, sub };
}

/** A partner user with read and write scopes (FULL or READ_ONLY is the tenant's say, R13). */
export function partner(partnerId: string, scope = 'licensing:read licensing:write'): TokenClaims {
  return { scope, partner: partnerId, sub: `partner-user-of-${partnerId}` };
}

export const ANALYTICS: TokenClaims = { scope: 'analytics:read', sub: 'analytics-job' };
