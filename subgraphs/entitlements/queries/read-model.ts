import type { CatalogAddOn, PlanSnapshot } from '../../kernel/catalog-model';
import { termAt } from '../../kernel/subscription-terms';
import { decideAccess, type Access } from '../domain/access';
import { addOnRequirement, SEAT_COVERED_UNDER_CONCURRENT } from '../domain/elite-coverage';
import { inGracePeriod } from '../domain/enforcement';
import { licencesFromSubscriptions } from '../../kernel/pool-capacity';
import { trialActiveAt } from '../domain/trial';
import { mappedSubscriptionAt } from '../domain/user-mapping';
import type { EntitlementsLoaders } from '../loaders';
import { poolState, type PoolState } from '../domain/pool-state';
import { addOnTypeOf } from '../../kernel/add-on-types';

/**
 * The read side of Entitlements: gathers facts through the per-request loaders (so a
 * page of users costs a fixed number of queries) and hands them to the pure rules.
 */
async function plansOf(loaders: EntitlementsLoaders, planKeys: readonly string[]): Promise<Map<string, PlanSnapshot>> {
  const plans = await loaders.replicaPlanByKey.loadMany([...new Set(planKeys)]);
  return new Map(plans.filter((p): p is PlanSnapshot => p !== null && !(p instanceof Error)).map((p) => [p.key, p]));
}

/** R15, R24, R2: a tenant's pool of an add-on at t. */
export async function poolAt(loaders: EntitlementsLoaders, tenantId: string, addOn: CatalogAddOn, at: Date): Promise<PoolState> {
  const [subscriptions, purchases, assigned, users] = await Promise.all([
    loaders.replicaSubscriptionsByTenantId.load(tenantId),
    loaders.purchasesByTenantId.load(tenantId),
    loaders.assignedAt(tenantId, addOn.key, at),
    addOnTypeOf(addOn).pool === 'EVERY_USER' ? loaders.usersAt(tenantId, at) : Promise.resolve(0),
  ]);
  const plans = await plansOf(loaders, subscriptions.map((s) => s.planKey));
  return poolState(addOn, { subscriptions, plans, purchases: purchases.filter((p) => p.addOnKey === addOn.key) }, { assigned, users }, at);
}

/** R25: whether a user may use a feature or add-on at t, and why. */
export async function accessOf(
  loaders: EntitlementsLoaders,
  user: { id: string; tenantId: string },
  key: string,
  at: Date,
): Promise<Access> {
  const [mappings, assignments, trials, enforcements, purchases, tenantSubscriptions] = await Promise.all([
    loaders.mappingsByUserId.load(user.id),
    loaders.assignmentsByUserId.load(user.id),
    loaders.trialsByTenantId.load(user.tenantId),
    loaders.enforcementsByTenantId.load(user.tenantId),
    loaders.purchasesByTenantId.load(user.tenantId),
    loaders.replicaSubscriptionsByTenantId.load(user.tenantId),
  ]);
  const subscriptionId = mappedSubscriptionAt(mappings, at);
  const subscription = subscriptionId ? await loaders.replicaSubscriptionById.load(subscriptionId) : null;
  const plan = subscription ? await loaders.replicaPlanByKey.load(subscription.planKey) : null;
  const cell = plan?.features.find((c) => c.featureKey === key) ?? plan?.features.find((c) => c.addOnKey === key) ?? null;
  const addOnKey = cell?.addOnKey ?? null;
  const addOn = addOnKey ? await loaders.replicaAddOnByKey.load(addOnKey) : null;
  const t = at.getTime();
  const holds = (k: string) =>
    licencesFromSubscriptions(tenantSubscriptions, k, at) + purchases.filter((p) => p.addOnKey === k && p.at.getTime() <= t).reduce((n, p) => n + p.quantity, 0) > 0;
  return decideAccess({
    mapped: subscription ? { active: termAt(subscription.terms, at) !== null } : null,
    availability: cell?.availability ?? null,
    addOnType: addOn?.type ?? null,
    seatCovered:
      cell?.availability === 'INCLUDED' && addOnKey !== null && SEAT_COVERED_UNDER_CONCURRENT.includes(addOnKey) && subscription?.licensingModel === 'CONCURRENT',
    assigned:
      addOnKey !== null &&
      assignments.some((a) => a.addOnKey === addOnKey && a.assignedAt.getTime() <= t && (a.unassignedAt === null || t < a.unassignedAt.getTime())),
    tenantHolds: addOnKey !== null && holds(addOnKey),
    trial: addOnKey !== null && trialActiveAt(trials.filter((tr) => tr.addOnKey === addOnKey), at),
    grace: addOnKey !== null && inGracePeriod(enforcements.find((e) => e.addOnKey === addOnKey)?.enforcedFrom ?? null, at),
  });
}

/** R24: per seat-covered add-on, what a tenant's concurrent Elite subscriptions require at t. */
export async function requirementsAt(loaders: EntitlementsLoaders, tenantId: string, at: Date) {
  const [subscriptions, purchases, mappings] = await Promise.all([
    loaders.replicaSubscriptionsByTenantId.load(tenantId),
    loaders.purchasesByTenantId.load(tenantId),
    loaders.tenantMappings(tenantId),
  ]);
  const plans = await plansOf(loaders, subscriptions.map((s) => s.planKey));
  const byUser = new Map<string, typeof mappings>();
  for (const mapping of mappings) byUser.set(mapping.userId, [...(byUser.get(mapping.userId) ?? []), mapping]);
  const mappedTo = [...byUser.values()].map((list) => mappedSubscriptionAt(list, at));
  const result = [];
  for (const key of SEAT_COVERED_UNDER_CONCURRENT) {
    const covering = subscriptions.filter(
      (s) =>
        s.licensingModel === 'CONCURRENT' &&
        termAt(s.terms, at) !== null &&
        (plans.get(s.planKey)?.features.some((c) => c.addOnKey === key && c.availability === 'INCLUDED') ?? false),
    );
    if (covering.length === 0) continue;
    const ids = new Set(covering.map((s) => s.subscriptionId));
    const addOn = await loaders.replicaAddOnByKey.load(key);
    if (!addOn) continue;
    const state = poolState(addOn, { subscriptions, plans, purchases: purchases.filter((p) => p.addOnKey === key) }, { assigned: 0, users: 0 }, at);
    const users = mappedTo.filter((id) => id !== null && ids.has(id)).length;
    result.push({ addOn: { key }, ...addOnRequirement(users, state.seatCoverage, state.fromSubscriptions + state.bought) });
  }
  return result;
}
