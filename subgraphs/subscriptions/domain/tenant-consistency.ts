import { DomainError } from '../../kernel/domain-error';

export type LicensingModel = 'NAMED' | 'CONCURRENT';

/** Telephony options a tenant may choose (R11). */
export const TELEPHONY_OPTIONS = [
  'WEBEX_CALLING',
  'BUNDLED_PSTN',
  'VPOP',
  'CLOUD_CONNECTED_PSTN',
  'ZOOM_PHONE',
  'AIRCALL_TELEPHONY',
  'BRING_YOUR_OWN_CARRIER',
] as const;

export function assertTelephonyOption(telephony: string): void {
  if (!(TELEPHONY_OPTIONS as readonly string[]).includes(telephony)) {
    throw new DomainError('BAD_USER_INPUT', `unknown telephony option "${telephony}"; one of ${TELEPHONY_OPTIONS.join(', ')}`);
  }
}

/** What the tenant's first subscription fixed; null before it. */
export interface TenantProvisioning {
  readonly licensingModel: LicensingModel | null;
  readonly telephony: string | null;
}

/** What a new subscription asks for. Its offer and hybrid flag are given but never compared (R14). */
export interface RequestedSubscription {
  readonly licensingModel: LicensingModel;
  readonly telephony: string;
  readonly offer?: string;
  readonly hybrid?: boolean;
}

/**
 * R14: multi-subscription works for FLEX, FLEX_3 and hybrid alike; no rule forbids
 * mixing them, so only the model and the telephony option are checked.
 *
 * R10: all subscriptions of a tenant are NAMED or all CONCURRENT (MIXED_LICENSING_MODEL).
 * R11: every later subscription uses the telephony option of the first (TELEPHONY_MISMATCH);
 * only an operator switches the whole tenant (switchTenantTelephony).
 */
export function assertFitsTenant(tenant: TenantProvisioning, requested: RequestedSubscription): void {
  assertTelephonyOption(requested.telephony);
  if (tenant.licensingModel !== null && tenant.licensingModel !== requested.licensingModel) {
    throw new DomainError(
      'MIXED_LICENSING_MODEL',
      `the tenant's subscriptions are ${tenant.licensingModel}; a ${requested.licensingModel} subscription cannot join them`,
    );
  }
  if (tenant.telephony !== null && tenant.telephony !== requested.telephony) {
    throw new DomainError(
      'TELEPHONY_MISMATCH',
      `the tenant uses ${tenant.telephony}; every subscription must use it (an operator can switch the whole tenant)`,
    );
  }
}
