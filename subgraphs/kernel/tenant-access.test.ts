import type { Principal } from './principal';
import { canReadTenant, canWriteTenant, type TenantAccessFacts } from './tenant-access';

const facts: TenantAccessFacts = {
  tenantId: 'ten_a',
  partners: new Map([
    ['par_managing', 'FULL'],
    ['par_second', 'READ_ONLY'],
  ]),
};
const rw = ['licensing:read', 'licensing:write'] as const;

describe('tenant scoping (R13, R33)', () => {
  it('R33: operators everything; customers their own tenant; analytics no tenant details', () => {
    expect(canWriteTenant({ kind: 'operator', sub: 'o', scopes: ['licensing:provision'] }, facts)).toBe(true);
    expect(canWriteTenant({ kind: 'customer', sub: 'c', tenantId: 'ten_a', role: 'ADMIN', scopes: [...rw] }, facts)).toBe(true);
    expect(canReadTenant({ kind: 'customer', sub: 'c', tenantId: 'ten_b', role: 'OWNER', scopes: [...rw] }, facts)).toBe(false);
    expect(canReadTenant({ kind: 'analytics', sub: 'a', scopes: ['analytics:read'] }, facts)).toBe(false);
  });

  it('R13: a READ_ONLY partner reads the tenant and changes nothing; a FULL one changes it; others see nothing', () => {
    const partner = (partnerId: string): Principal => ({ kind: 'partner', sub: 'p', partnerId, scopes: [...rw] });
    expect([canReadTenant(partner('par_second'), facts), canWriteTenant(partner('par_second'), facts)]).toEqual([true, false]);
    expect([canReadTenant(partner('par_managing'), facts), canWriteTenant(partner('par_managing'), facts)]).toEqual([true, true]);
    expect(canReadTenant(partner('par_other'), facts)).toBe(false);
  });

  it('R33: a read-only scope reads and never writes', () => {
    const reader: Principal = { kind: 'customer', sub: 'c', tenantId: 'ten_a', role: 'OWNER', scopes: ['licensing:read'] };
    expect([canReadTenant(reader, facts), canWriteTenant(reader, facts)]).toEqual([true, false]);
  });
});
