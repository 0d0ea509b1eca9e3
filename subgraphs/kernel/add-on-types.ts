import type { AddOnType } from './catalog-terms';

/**
 * What an add-on's type means (R2), one row per type, as USAGE_TYPE_DEFINITIONS does for
 * usage types: every rule that differs by type reads the row instead of comparing the
 * type, so a new type is one row here (and one value of the GraphQL enum).
 */
export interface AddOnTypeDefinition {
  /**
   * R2, R25: a user gets access by a licence assigned to them (AI Assist). When false,
   * the tenant's holding gives every user access (Analytics+, Communication Hub).
   * Only an assigned type has a grace period before its enforcement date (R20): the
   * grace forgives a missing assignment.
   */
  readonly assignedPerUser: boolean;
  /**
   * R15: what the tenant's pool of it counts as held: the assignments, every user of the
   * account (R2: users created later included), or no pool (access is not licence-gated).
   */
  readonly pool: 'ASSIGNMENTS' | 'EVERY_USER' | null;
  /** R28: a licence is billed per licence bought (or in a term), or per user licence of the account. */
  readonly billedOn: 'LICENCES' | 'USER_LICENCES';
  /** R3: whether it may be ACCOUNT_WIDE, one licence for the whole account. */
  readonly mayBeAccountWide: boolean;
  /** The NOT_ASSIGNABLE message of a PER_SEAT add-on of the type (null: it is assigned). */
  readonly notAssignedBecause: ((addOnKey: string) => string) | null;
}

export const ADD_ON_TYPE_DEFINITIONS: Readonly<Record<AddOnType, AddOnTypeDefinition>> = {
  PROVISIONED: { assignedPerUser: true, pool: 'ASSIGNMENTS', billedOn: 'LICENCES', mayBeAccountWide: false, notAssignedBecause: null },
  ACCOUNT_LEVEL: {
    assignedPerUser: false,
    pool: 'EVERY_USER',
    billedOn: 'USER_LICENCES',
    mayBeAccountWide: false,
    notAssignedBecause: (key) => `every user of the account holds ${key}; it is not assigned`,
  },
  OTHER: { assignedPerUser: false, pool: null, billedOn: 'LICENCES', mayBeAccountWide: true, notAssignedBecause: (key) => `${key} is not licence-gated; it is not assigned` },
};

/** The row of an add-on's type. */
export const addOnTypeOf = (addOn: { readonly type: AddOnType }): AddOnTypeDefinition => ADD_ON_TYPE_DEFINITIONS[addOn.type];

/** R28: whether an add-on (when the catalog knows it) is billed per user licence of the account. */
export const billedOnUserLicences = (addOn: { readonly type: AddOnType } | null | undefined): boolean => (addOn ? ADD_ON_TYPE_DEFINITIONS[addOn.type].billedOn === 'USER_LICENCES' : false);
