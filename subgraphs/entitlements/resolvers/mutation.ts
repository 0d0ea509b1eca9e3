import { DomainError } from '../../kernel/domain-error';
import type { Role } from '../../kernel/principal';
import { assertOperator } from '../../runtime/authorization';
import { agentLogin, agentLogout } from '../commands/agent-sessions';
import { bulkAssignAddOn } from '../commands/bulk-assign-add-on';
import { createUser } from '../commands/create-user';
import { mapUserToSubscription } from '../commands/map-user-to-subscription';
import { setAddOnAssignment } from '../commands/set-add-on-assignment';
import { setAddOnEnforcement } from '../commands/set-add-on-enforcement';
import { startAddOnTrial } from '../commands/start-add-on-trial';
import type { EntitlementsContext } from '../context';
import { assertMayStartTrial } from '../domain/trial';
import { assertMayAdministerUsers, assertMayRecordSession } from '../domain/user-administration';
import type { UserRow } from '../entities/user.entity';
import { catalogAddOn } from './tenant';
import { visibleUser } from './user';

type WithAt<T> = T & { at?: Date | null };

interface CreateUserInput {
  tenantId: string;
  name: string;
  email: string;
  role: Role;
  subscriptionId?: string | null;
  at?: Date | null;
}

/** The user, NOT_FOUND when the principal cannot see it, FORBIDDEN when it may only read its tenant. */
async function writableUser(ctx: EntitlementsContext, userId: string): Promise<UserRow> {
  const user = await visibleUser(userId, ctx);
  if (!user) throw new DomainError('NOT_FOUND', `no user ${userId}`);
  await ctx.tenants.assertWritable(user.tenantId);
  return user;
}

export const Mutation = {
  createUser: async (_: unknown, { input }: { input: CreateUserInput }, ctx: EntitlementsContext) => {
    const at = ctx.effectiveAt(input.at);
    await ctx.tenants.assertWritable(input.tenantId);
    assertMayAdministerUsers(ctx.principal);
    return createUser(ctx.em, input, at, ctx.principal.sub);
  },
  mapUserToSubscription: async (_: unknown, args: WithAt<{ userId: string; subscriptionId: string }>, ctx: EntitlementsContext) => {
    const at = ctx.effectiveAt(args.at);
    await writableUser(ctx, args.userId);
    assertMayAdministerUsers(ctx.principal);
    return mapUserToSubscription(ctx.em, args.userId, args.subscriptionId, at, ctx.now, ctx.principal.sub);
  },
  /** R20: operators set when enforcement of an add-on starts for a tenant. */
  setAddOnEnforcement: async (_: unknown, args: WithAt<{ tenantId: string; addOnKey: string; enforcedFrom: Date }>, ctx: EntitlementsContext) => {
    const at = ctx.effectiveAt(args.at);
    assertOperator(ctx.principal, 'set enforcement dates');
    await ctx.tenants.assertWritable(args.tenantId);
    await catalogAddOn(ctx, args.addOnKey);
    const row = await setAddOnEnforcement(ctx.em, { tenantId: args.tenantId, addOnKey: args.addOnKey, enforcedFrom: args.enforcedFrom }, ctx.principal.sub, at);
    return { addOn: { key: row.addOnKey }, enforcedFrom: row.enforcedFrom };
  },
  /** R16, R17, R21, R24: owners and admins switch a licence on or off. */
  setAddOnAssignment: async (_: unknown, { input }: { input: WithAt<{ userId: string; addOnKey: string; enabled: boolean }> }, ctx: EntitlementsContext) => {
    const at = ctx.effectiveAt(input.at);
    const user = await writableUser(ctx, input.userId);
    assertMayAdministerUsers(ctx.principal);
    const addOn = await catalogAddOn(ctx, input.addOnKey);
    const result = await setAddOnAssignment(ctx.em, { user, addOn, enabled: input.enabled, actor: ctx.principal.sub }, at, ctx.now);
    return { user, purchased: result.purchased, pool: { addOn: { key: addOn.key }, ...result.pool } };
  },
  /** R18: all or nothing, exactly the gap bought. */
  bulkAssignAddOn: async (
    _: unknown,
    { input }: { input: WithAt<{ tenantId: string; addOnKey: string; userIds: string[] }> },
    ctx: EntitlementsContext,
  ) => {
    const at = ctx.effectiveAt(input.at);
    await ctx.tenants.assertWritable(input.tenantId);
    assertMayAdministerUsers(ctx.principal);
    const addOn = await catalogAddOn(ctx, input.addOnKey);
    const result = await bulkAssignAddOn(ctx.em, { tenantId: input.tenantId, addOn, userIds: input.userIds, actor: ctx.principal.sub }, at, ctx.now);
    return { assigned: result.assigned, purchased: result.purchased, pool: { addOn: { key: addOn.key }, ...result.pool } };
  },
  /** R19: owners and admins start a trial for the whole tenant. */
  startAddOnTrial: async (_: unknown, { input }: { input: WithAt<{ tenantId: string; addOnKey: string; endsAt: Date }> }, ctx: EntitlementsContext) => {
    const at = ctx.effectiveAt(input.at);
    await ctx.tenants.assertWritable(input.tenantId);
    assertMayStartTrial(ctx.principal);
    await catalogAddOn(ctx, input.addOnKey);
    const trial = await startAddOnTrial(ctx.em, { ...input, actor: ctx.principal.sub }, at);
    return { addOn: { key: trial.addOnKey }, startsAt: trial.startsAt, endsAt: trial.endsAt };
  },
  /** R22: the agent (or an admin, supervisor or operator) opens a concurrent-licence session. */
  agentLogin: async (_: unknown, args: WithAt<{ userId: string }>, ctx: EntitlementsContext) => {
    const at = ctx.effectiveAt(args.at);
    const user = await writableUser(ctx, args.userId);
    assertMayRecordSession(ctx.principal, user.id);
    await assertConcurrentTenant(ctx, user.tenantId);
    return sessionView(await agentLogin(ctx.em, user, at), user);
  },
  agentLogout: async (_: unknown, args: WithAt<{ userId: string }>, ctx: EntitlementsContext) => {
    const at = ctx.effectiveAt(args.at);
    const user = await writableUser(ctx, args.userId);
    assertMayRecordSession(ctx.principal, user.id);
    return sessionView(await agentLogout(ctx.em, user, at), user);
  },
};

/** R22: sessions count under the CONCURRENT model only (R10 keeps a tenant on one model). */
async function assertConcurrentTenant(ctx: EntitlementsContext, tenantId: string): Promise<void> {
  const subscriptions = await ctx.loaders.replicaSubscriptionsByTenantId.load(tenantId);
  if (!subscriptions.some((s) => s.licensingModel === 'CONCURRENT')) {
    throw new DomainError('BAD_USER_INPUT', 'sessions are recorded for tenants licensed CONCURRENT');
  }
}

function sessionView(session: { id: string; startedAtMs: number; endedAtMs?: number | null }, user: UserRow) {
  return {
    id: session.id,
    user,
    startedAt: new Date(session.startedAtMs),
    endedAt: session.endedAtMs == null ? null : new Date(session.endedAtMs),
  };
}
