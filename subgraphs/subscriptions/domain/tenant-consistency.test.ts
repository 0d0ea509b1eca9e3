import { refusalCode as code } from '../../../test/support/refusal-code';
import { assertFitsTenant } from './tenant-consistency';

describe('one model and one telephony option per tenant (R10, R11, R14)', () => {
  const fresh = { licensingModel: null, telephony: null };
  const named = { licensingModel: 'NAMED' as const, telephony: 'WEBEX_CALLING' };

  it('R10: the first subscription sets the model; a subscription of the other model is MIXED_LICENSING_MODEL', () => {
    expect(code(() => assertFitsTenant(fresh, { licensingModel: 'CONCURRENT', telephony: 'VPOP' }))).toBe('accepted');
    expect(code(() => assertFitsTenant(named, { licensingModel: 'NAMED', telephony: 'WEBEX_CALLING' }))).toBe('accepted');
    expect(code(() => assertFitsTenant(named, { licensingModel: 'CONCURRENT', telephony: 'WEBEX_CALLING' }))).toBe('MIXED_LICENSING_MODEL');
  });

  it("R11: every later subscription uses the first's telephony option, else TELEPHONY_MISMATCH; unknown options are BAD_USER_INPUT", () => {
    expect(code(() => assertFitsTenant(named, { licensingModel: 'NAMED', telephony: 'BUNDLED_PSTN' }))).toBe('TELEPHONY_MISMATCH');
    expect(code(() => assertFitsTenant(fresh, { licensingModel: 'NAMED', telephony: 'CARRIER_PIGEON' }))).toBe('BAD_USER_INPUT');
  });

  it('R14: offers and the hybrid flag mix freely within a tenant', () => {
    for (const offer of ['FLEX', 'FLEX_3', 'STANDARD']) {
      for (const hybrid of [true, false]) {
        expect(code(() => assertFitsTenant(named, { licensingModel: 'NAMED', telephony: 'WEBEX_CALLING', offer, hybrid }))).toBe('accepted');
      }
    }
  });
});
