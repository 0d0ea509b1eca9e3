import { BOUNDS } from '../../kernel/bounds';
import { DomainError } from '../../kernel/domain-error';
import type { SubscriptionTerm } from '../../kernel/subscription-terms';
import { USAGE_TYPE_DEFINITIONS } from '../../kernel/usage-types';

/**
 * R39: what a tenant's subscriptions hold together stays within the bounds, each
 * subscription counted at its largest term (so a renewal that lowers a quantity never
 * trips a bound its subscription met before): at most `subscriptionsPerTenant`
 * subscriptions, `seatsPerTenant` seats of each seat-like type, `licencesPerTenant`
 * licences of each add-on.
 */
export function assertTenantWithinBounds(subscriptions: readonly { readonly terms: readonly SubscriptionTerm[] }[]): void {
  if (subscriptions.length > BOUNDS.subscriptionsPerTenant) {
    throw new DomainError('BAD_USER_INPUT', `a tenant has at most ${BOUNDS.subscriptionsPerTenant} subscriptions`);
  }
  const seats = new Map<string, number>();
  const licences = new Map<string, number>();
  for (const { terms } of subscriptions) {
    const largest = new Map<string, number>();
    for (const term of terms) {
      for (const item of term.items) {
        if (USAGE_TYPE_DEFINITIONS[item.usageType].aggregation === 'PEAK') largest.set(`seats:${item.usageType}`, Math.max(largest.get(`seats:${item.usageType}`) ?? 0, item.quantity));
      }
      for (const addOn of term.addOns) largest.set(`add-on:${addOn.addOnKey}`, Math.max(largest.get(`add-on:${addOn.addOnKey}`) ?? 0, addOn.quantity));
    }
    for (const [key, quantity] of largest) {
      const totals = key.startsWith('seats:') ? seats : licences;
      totals.set(key, (totals.get(key) ?? 0) + quantity);
    }
  }
  for (const [key, total] of seats) {
    if (total > BOUNDS.seatsPerTenant) throw new DomainError('BAD_USER_INPUT', `a tenant's subscriptions hold at most ${BOUNDS.seatsPerTenant.toLocaleString('en-US')} ${key.slice(6)} seats together`);
  }
  for (const [key, total] of licences) {
    if (total > BOUNDS.licencesPerTenant) throw new DomainError('BAD_USER_INPUT', `a tenant's subscriptions hold at most ${BOUNDS.licencesPerTenant.toLocaleString('en-US')} licences of ${key.slice(7)} together`);
  }
}
