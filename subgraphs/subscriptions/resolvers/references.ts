import { pickResponsibleSubscription } from '../../kernel/responsible-subscription';
import { AI_USAGE_TYPES, type UsageType } from '../../kernel/usage-types';
import type { SubscriptionsContext } from '../context';

/** Catalog's AddOn as Subscriptions sees it: only its key. */
export const AddOn = {
  __resolveReference: (ref: { key: string }) => ref,
};

/** What the planner brings from Entitlements and Catalog for R32 (`@requires`); instants as ISO strings. */
interface UserWithAssignments {
  readonly id: string;
  readonly tenant?: { readonly id: string };
  readonly addOnAssignmentHistory?: readonly {
    readonly addOn: { readonly usageType: UsageType | null } | null;
    readonly assignedAt?: string | null;
    readonly unassignedAt?: string | null;
  }[];
}

/** Entitlements' User, to which Subscriptions adds the R32 answer. */
export const User = {
  __resolveReference: (ref: UserWithAssignments) => ref,
  /**
   * R32: for each AI usage type of the add-ons the user held at `at` (Entitlements'
   * assignment history, with the usage types from Catalog), the subscription responsible
   * for its overage at `at` (R7, R34), the same rule `tenant.responsibleSubscription`
   * answers with. The planner walks the references; no subgraph calls another.
   */
  aiOverageResponsibility: async (user: UserWithAssignments, args: { at?: Date | null }, ctx: SubscriptionsContext) => {
    if (!user.tenant || !(await ctx.tenants.canRead(user.tenant.id))) return [];
    const at = ctx.at(args.at);
    const t = at.getTime();
    const types = new Set<UsageType>();
    for (const assignment of user.addOnAssignmentHistory ?? []) {
      // Held at `at`: assigned at or before it, and not freed by then.
      const { assignedAt, unassignedAt } = assignment;
      if (!assignedAt || Date.parse(assignedAt) > t || (unassignedAt && Date.parse(unassignedAt) <= t)) continue;
      const usageType = assignment.addOn?.usageType;
      if (usageType && AI_USAGE_TYPES.includes(usageType)) types.add(usageType);
    }
    if (types.size === 0) return [];
    const subscriptions = await ctx.loaders.subscriptionsByTenantId.load(user.tenant.id);
    return [...types].sort().map((usageType) => ({ usageType, subscription: pickResponsibleSubscription(subscriptions, usageType, at) }));
  },
};
