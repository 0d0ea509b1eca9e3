import { ADD_ON_TYPE_DEFINITIONS } from './add-on-types';
import { ADD_ON_TYPES } from './catalog-terms';

describe('add-on types (R2, R3, R15, R28)', () => {
  const rows = ADD_ON_TYPES.map((type) => [type, ADD_ON_TYPE_DEFINITIONS[type]] as const);

  it('R2: PROVISIONED is assigned user by user, ACCOUNT_LEVEL held by every user, OTHER not licence-gated', () => {
    expect(ADD_ON_TYPE_DEFINITIONS.PROVISIONED).toMatchObject({ assignedPerUser: true, pool: 'ASSIGNMENTS' });
    expect(ADD_ON_TYPE_DEFINITIONS.ACCOUNT_LEVEL).toMatchObject({ assignedPerUser: false, pool: 'EVERY_USER' });
    expect(ADD_ON_TYPE_DEFINITIONS.OTHER).toMatchObject({ assignedPerUser: false, pool: null });
  });

  it.each(rows)('R2, R15: %s counts its assignments in its pool exactly when it is assigned per user, and says why when it is not', (_type, row) => {
    expect(row.pool === 'ASSIGNMENTS').toBe(row.assignedPerUser);
    expect(row.notAssignedBecause === null).toBe(row.assignedPerUser);
    if (row.notAssignedBecause) expect(row.notAssignedBecause('some_add_on')).toContain('some_add_on');
  });

  it.each(rows)('R3: %s may be one licence for the account only when no user holds it by assignment or as a user', (_type, row) => {
    if (row.assignedPerUser || row.pool === 'EVERY_USER') expect(row.mayBeAccountWide).toBe(false);
  });

  it.each(rows)('R28: %s is billed on the user licences only when every user holds it', (_type, row) => {
    expect(row.billedOn === 'USER_LICENCES').toBe(row.pool === 'EVERY_USER');
  });
});
