import type { Role } from '../../kernel/principal';
import { notImplemented } from '../../runtime/authorization';
import { createUser } from '../commands/create-user';
import type { EntitlementsContext } from '../context';
import { assertMayAdministerUsers } from '../domain/user-administration';

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
    if (input.subscriptionId) notImplemented('createUser with subscriptionId (mapping, R12)');
    return createUser(ctx.em, input, at);
  },
  mapUserToSubscription: () => notImplemented('mapUserToSubscription'),
  setAddOnEnforcement: () => notImplemented('setAddOnEnforcement'),
  setAddOnAssignment: () => notImplemented('setAddOnAssignment'),
  bulkAssignAddOn: () => notImplemented('bulkAssignAddOn'),
  startAddOnTrial: () => notImplemented('startAddOnTrial'),
  agentLogin: () => notImplemented('agentLogin'),
  agentLogout: () => notImplemented('agentLogout'),
};
