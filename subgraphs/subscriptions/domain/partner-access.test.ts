import type { Principal } from '../../kernel/principal';
import { accessOfAddedPartner, assertMayAddPartner, assertMayGrantFullAccess } from './partner-access';

const rw = ['licensing:read', 'licensing:write'] as const;
const operator: Principal = { kind: 'operator', sub: 'o', scopes: ['licensing:provision'] };
const managing: Principal = { kind: 'partner', sub: 'p', partnerId: 'par_m', scopes: [...rw] };
const second: Principal = { kind: 'partner', sub: 'p2', partnerId: 'par_2', scopes: [...rw] };
const admin = (tenantId: string, role: 'OWNER' | 'ADMIN' | 'SUPERVISOR' = 'ADMIN'): Principal => ({ kind: 'customer', sub: 'c', tenantId, role, scopes: [...rw] });

describe('partners (R13)', () => {
  it('R13: a second partner is added READ_ONLY; adding it again keeps what it has', () => {
    expect(accessOfAddedPartner(null)).toBe('READ_ONLY');
    expect(accessOfAddedPartner('FULL')).toBe('FULL');
    expect(() => assertMayAddPartner(operator, ['par_m'])).not.toThrow();
    expect(() => assertMayAddPartner(managing, ['par_m'])).not.toThrow();
    expect(() => assertMayAddPartner(second, ['par_m'])).toThrow(/managing partner/);
  });

  it('R13: FULL access is granted by an OWNER or ADMIN of the tenant (or an operator), never by the partner itself', () => {
    expect(() => assertMayGrantFullAccess(admin('ten_a'), 'ten_a')).not.toThrow();
    expect(() => assertMayGrantFullAccess(admin('ten_a', 'OWNER'), 'ten_a')).not.toThrow();
    expect(() => assertMayGrantFullAccess(operator, 'ten_a')).not.toThrow();
    expect(() => assertMayGrantFullAccess(admin('ten_a', 'SUPERVISOR'), 'ten_a')).toThrow();
    expect(() => assertMayGrantFullAccess(admin('ten_b'), 'ten_a')).toThrow();
    expect(() => assertMayGrantFullAccess(second, 'ten_a')).toThrow();
  });
});
