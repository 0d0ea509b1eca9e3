import type { Role } from '../../kernel/principal';
import { notImplemented } from '../../runtime/authorization';
import { DomainError } from '../../kernel/domain-error';
import { createUser } from '../commands/create-user';
import { mapUserToSubscription } from '../commands/map-user-to-subscription';
import type { EntitlementsContext } from '../context';
import { assertMayAdministerUsers } from '../domain/user-administration';
import { visibleUser } from './user';

interface CreateUserInput {
  tenantId: string;
  name: string;
  email: string;
  role: Role;
  subscriptionId?: string | null;
  at?: Date | null;
}

export const Mutation = {
  createUser: async (_: unknown, { input }: { input: CreateUserInput }, ctx: EntitlementsContext) => {
    const at = ctx.effectiveAt(input.at);
    await ctx.tenants.assertWritable(input.tenantId);
    assertMayAdministerUsers(ctx.principal);
    return createUser(ctx.em, input, at);
  },
  mapUserToSubscription: async (_: unknown, args: { userId: string; subscriptionId: string; at?: Date | null }, ctx: EntitlementsContext) => {
    const at = ctx.effectiveAt(args.at);
    const user = await visibleUser(args.userId, ctx);
    if (!user) throw new DomainError('NOT_FOUND', `no user ${args.userId}`);
    await ctx.tenants.assertWritable(user.tenantId);
    assertMayAdministerUsers(ctx.principal);
    return mapUserToSubscription(ctx.em, args.userId, args.subscriptionId, at);
  },
  setAddOnEnforcement: () => notImplemented('setAddOnEnforcement'),
  setAddOnAssignment: () => notImplemented('setAddOnAssignment'),
  bulkAssignAddOn: () => notImplemented('bulkAssignAddOn'),
  startAddOnTrial: () => notImplemented('startAddOnTrial'),
  agentLogin: () => notImplemented('agentLogin'),
  agentLogout: () => notImplemented('agentLogout'),
};
