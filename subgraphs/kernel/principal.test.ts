import { decodePrincipal, encodePrincipal, mayReadTenantData, mayWrite, PRINCIPAL_HEADER_TTL_SECONDS, principalFromClaims, type Principal } from './principal';

describe('principals (R33)', () => {
  it('maps the contract claims to the four kinds of principal', () => {
    expect(principalFromClaims({ sub: 'op', scope: 'licensing:provision' })).toEqual({ kind: 'operator', sub: 'op', scopes: ['licensing:provision'] });
    expect(principalFromClaims({ sub: 'u', tenant: 't', role: 'OWNER', scope: 'licensing:read licensing:write' })).toEqual({
      kind: 'customer',
      sub: 'u',
      tenantId: 't',
      role: 'OWNER',
      scopes: ['licensing:read', 'licensing:write'],
    });
    expect(principalFromClaims({ sub: 'p', partner: 'par_1', scope: 'licensing:read' })).toMatchObject({ kind: 'partner', partnerId: 'par_1' });
    expect(principalFromClaims({ sub: 'a', scope: 'analytics:read' })).toMatchObject({ kind: 'analytics' });
  });

  it('names why a token names no principal', () => {
    expect(principalFromClaims({ scope: 'licensing:provision' })).toEqual({ invalid: 'the token has no subject' });
    expect(principalFromClaims({ sub: 'u', tenant: 't', role: 'KING', scope: 'licensing:read' })).toHaveProperty('invalid');
    expect(principalFromClaims({ sub: 'u', tenant: 't', role: 'OWNER', scope: 'analytics:read' })).toHaveProperty('invalid');
    expect(principalFromClaims({ sub: 'u', scope: 'openid profile' })).toHaveProperty('invalid');
  });

  it('R33: analytics and read-only scopes never write', () => {
    const analytics = principalFromClaims({ sub: 'a', scope: 'analytics:read' }) as Principal;
    const reader = principalFromClaims({ sub: 'u', tenant: 't', role: 'OWNER', scope: 'licensing:read' }) as Principal;
    expect([mayWrite(analytics), mayReadTenantData(analytics)]).toEqual([false, false]);
    expect([mayWrite(reader), mayReadTenantData(reader)]).toEqual([false, true]);
  });

  it('carries the principal to subgraphs in a header only the gateway secret can sign', () => {
    const principal: Principal = { kind: 'partner', sub: 'p', partnerId: 'par_1', scopes: ['licensing:read'] };
    const header = encodePrincipal(principal, 'secret');
    expect(decodePrincipal(header, 'secret')).toEqual(principal);
    expect(decodePrincipal(header, 'other-secret')).toBeNull();
    const [body, signature] = header.split('.');
    const elevated = Buffer.from(JSON.stringify({ principal: { ...principal, kind: 'operator' }, exp: 4_102_444_800 })).toString('base64url');
    expect(decodePrincipal(`${elevated}.${signature}`, 'secret')).toBeNull();
    expect(decodePrincipal(body, 'secret')).toBeNull();
    expect(decodePrincipal(undefined, 'secret')).toBeNull();
  });

  it('a header is honoured for PRINCIPAL_HEADER_TTL_SECONDS after signing, then refused: a captured one is soon worthless', () => {
    const principal: Principal = { kind: 'operator', sub: 'op', scopes: ['licensing:provision'] };
    const signedAt = new Date('2026-12-02T10:00:00Z');
    const header = encodePrincipal(principal, 'secret', signedAt);
    const later = (seconds: number) => new Date(signedAt.getTime() + seconds * 1000);
    expect(decodePrincipal(header, 'secret', later(PRINCIPAL_HEADER_TTL_SECONDS - 1))).toEqual(principal);
    expect(decodePrincipal(header, 'secret', later(PRINCIPAL_HEADER_TTL_SECONDS))).toBeNull();
    // Moving exp is tampering: the signature no longer matches.
    const [body, signature] = header.split('.');
    const extended = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString('utf8')), exp: 4_102_444_800 })).toString('base64url');
    expect(decodePrincipal(`${extended}.${signature}`, 'secret', later(3600))).toBeNull();
  });
});
