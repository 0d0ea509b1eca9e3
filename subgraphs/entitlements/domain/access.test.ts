import { decideAccess, type AccessFacts } from './access';

const base: AccessFacts = {
  mapped: { active: true },
  availability: 'ADD_ON',
  addOnType: 'PROVISIONED',
  seatCovered: false,
  assigned: false,
  tenantHolds: false,
  trial: false,
  grace: false,
};

describe('access check (R25)', () => {
  it('R25, R12: a user mapped to no subscription is USER_NOT_MAPPED; to an inactive one, SUBSCRIPTION_INACTIVE', () => {
    expect(decideAccess({ ...base, mapped: null, assigned: true })).toEqual({ allowed: false, reason: 'USER_NOT_MAPPED' });
    expect(decideAccess({ ...base, mapped: { active: false }, availability: 'INCLUDED' })).toEqual({ allowed: false, reason: 'SUBSCRIPTION_INACTIVE' });
  });

  it('R25, R1: a feature the plan includes is INCLUDED_IN_PLAN; one it does not offer is NOT_IN_PLAN', () => {
    expect(decideAccess({ ...base, availability: 'INCLUDED', addOnType: null })).toEqual({ allowed: true, reason: 'INCLUDED_IN_PLAN' });
    expect(decideAccess({ ...base, availability: 'UNAVAILABLE' })).toEqual({ allowed: false, reason: 'NOT_IN_PLAN' });
    expect(decideAccess({ ...base, availability: null })).toEqual({ allowed: false, reason: 'NOT_IN_PLAN' });
  });

  it('R25, R16, R17: a provisioned add-on needs an assigned licence: LICENSE_ASSIGNED, else NOT_LICENSED', () => {
    expect(decideAccess({ ...base, assigned: true })).toEqual({ allowed: true, reason: 'LICENSE_ASSIGNED' });
    expect(decideAccess(base)).toEqual({ allowed: false, reason: 'NOT_LICENSED' });
    // Holding licences in the pool is not holding one.
    expect(decideAccess({ ...base, tenantHolds: true })).toEqual({ allowed: false, reason: 'NOT_LICENSED' });
  });

  it('R25, R2: an account-level add-on the tenant holds is held by every user: ACCOUNT_LEVEL', () => {
    expect(decideAccess({ ...base, addOnType: 'ACCOUNT_LEVEL', tenantHolds: true })).toEqual({ allowed: true, reason: 'ACCOUNT_LEVEL' });
    expect(decideAccess({ ...base, addOnType: 'ACCOUNT_LEVEL' })).toEqual({ allowed: false, reason: 'NOT_LICENSED' });
    expect(decideAccess({ ...base, addOnType: 'OTHER', tenantHolds: true })).toEqual({ allowed: true, reason: 'ACCOUNT_LEVEL' });
  });

  it('R25, R19: during a trial every user has access: TRIAL', () => {
    expect(decideAccess({ ...base, trial: true })).toEqual({ allowed: true, reason: 'TRIAL' });
  });

  it('R25, R20: before the enforcement date every user keeps access (GRACE_PERIOD); after, only the licensed', () => {
    expect(decideAccess({ ...base, grace: true })).toEqual({ allowed: true, reason: 'GRACE_PERIOD' });
    expect(decideAccess({ ...base, grace: true, assigned: true })).toEqual({ allowed: true, reason: 'LICENSE_ASSIGNED' });
  });

  it('R25, R24: QM and WFM included in Elite under CONCURRENT need an assignment', () => {
    const elite = { ...base, availability: 'INCLUDED' as const, seatCovered: true };
    expect(decideAccess(elite)).toEqual({ allowed: false, reason: 'NOT_LICENSED' });
    expect(decideAccess({ ...elite, assigned: true })).toEqual({ allowed: true, reason: 'LICENSE_ASSIGNED' });
  });
});
