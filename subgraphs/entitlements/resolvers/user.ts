import type { EntitlementsContext } from '../context';
import { mappedSubscriptionAt } from '../domain/user-mapping';
import { accessOf } from '../queries/read-model';
import type { UserRow } from '../entities/user.entity';

/** The user, if it exists and the principal may see its tenant (R33); null otherwise. */
export async function visibleUser(id: string, ctx: EntitlementsContext): Promise<UserRow | null> {
  const user = await ctx.loaders.userById.load(id);
  if (!user || !(await ctx.tenants.canRead(user.tenantId))) return null;
  return user;
}

/** An assignment as the AddOnAssignment type shows it. */
function asAddOnAssignment(a: { addOnKey: string; assignedAt: Date; unassignedAt: Date | null; ending: string | null }) {
  return { addOn: { key: a.addOnKey }, assignedAt: a.assignedAt, unassignedAt: a.unassignedAt, ending: a.ending };
}

export const User = {
  __resolveReference: (ref: { id: string }, ctx: EntitlementsContext) => visibleUser(ref.id, ctx),
  tenant: (user: UserRow) => ({ id: user.tenantId }),
  /** R12: the subscription the user is mapped to at `at` (R34). */
  subscription: async (user: UserRow, args: { at?: Date | null }, ctx: EntitlementsContext) => {
    const id = mappedSubscriptionAt(await ctx.loaders.mappingsByUserId.load(user.id), ctx.at(args.at));
    return id ? { id } : null;
  },
  /** The add-on licences the user holds now (one whose end lies ahead, R36, is still held). */
  addOnAssignments: async (user: UserRow, _: unknown, ctx: EntitlementsContext) =>
    (await ctx.loaders.assignmentsByUserId.load(user.id))
      .filter((a) => a.assignedAt.getTime() <= ctx.now.getTime() && (a.unassignedAt === null || a.unassignedAt.getTime() > ctx.now.getTime()))
      .map(asAddOnAssignment),
  /** Every licence the user has held, freed ones included, oldest first (R34: what was held at any instant). */
  addOnAssignmentHistory: async (user: UserRow, _: unknown, ctx: EntitlementsContext) =>
    [...(await ctx.loaders.assignmentsByUserId.load(user.id))]
      .sort((a, b) => a.assignedAt.getTime() - b.assignedAt.getTime() || (a.addOnKey < b.addOnKey ? -1 : a.addOnKey > b.addOnKey ? 1 : 0))
      .map(asAddOnAssignment),
  /** R25 at `at` (R34). */
  access: (user: UserRow, args: { key: string; at?: Date | null }, ctx: EntitlementsContext) =>
    accessOf(ctx.loaders, user, args.key, ctx.at(args.at)),
};
