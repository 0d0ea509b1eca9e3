import { DomainError } from '../../kernel/domain-error';
import type { UsageType } from '../../kernel/usage-types';
import { assertOperator } from '../../runtime/authorization';
import { addPartnerToTenant } from '../commands/add-partner-to-tenant';
import { createPartner } from '../commands/create-partner';
import { createSubscription, type CreateSubscriptionCommand } from '../commands/create-subscription';
import { createTenant } from '../commands/create-tenant';
import { grantPartnerFullAccess } from '../commands/grant-partner-full-access';
import { recordUsage } from '../commands/record-usage';
import { renewSubscription } from '../commands/renew-subscription';
import { switchTenantTelephony } from '../commands/switch-tenant-telephony';
import type { SubscriptionsContext } from '../context';
import { assertMayAddPartner, assertMayGrantFullAccess } from '../domain/partner-access';
import { assertMayProvision } from '../domain/provisioning';
import type { AddOnInput, ItemInput } from '../../kernel/term-content';

type WithAt<T> = T & { at?: Date | null };
type CreateSubscriptionInput = WithAt<Omit<CreateSubscriptionCommand, 'addOns' | 'hybrid'> & { hybrid?: boolean | null; addOns?: AddOnInput[] | null }>;
type RenewInput = WithAt<{
  subscriptionId: string;
  startsAt?: Date | null;
  endsAt: Date;
  items?: ItemInput[] | null;
  addOns?: AddOnInput[] | null;
  overAssignment?: 'REFUSE' | 'NEWEST_FIRST' | null;
  releaseAssignments?: { addOnKey: string; userIds: string[] }[] | null;
}>;

export const Mutation = {
  createPartner: (_: unknown, { input }: { input: WithAt<{ name: string }> }, ctx: SubscriptionsContext) => {
    const at = ctx.effectiveAt(input.at);
    assertOperator(ctx.principal, 'create partners');
    return createPartner(ctx.em, input, at);
  },
  /** Operators create tenants for any partner; a partner with write access creates tenants it manages. */
  createTenant: async (_: unknown, { input }: { input: WithAt<{ name: string; managingPartnerId?: string | null }> }, ctx: SubscriptionsContext) => {
    const { principal } = ctx;
    const at = ctx.effectiveAt(input.at);
    let managingPartnerId = input.managingPartnerId ?? null;
    if (principal.kind === 'partner' && principal.scopes.includes('licensing:write')) {
      if (managingPartnerId !== null && managingPartnerId !== principal.partnerId) {
        throw new DomainError('FORBIDDEN', 'a partner creates tenants that it manages itself');
      }
      managingPartnerId = principal.partnerId;
    } else {
      assertOperator(principal, 'create tenants');
    }
    return createTenant(ctx.em, { name: input.name, managingPartnerId }, at, principal.sub);
  },
  createSubscription: async (_: unknown, { input }: { input: CreateSubscriptionInput }, ctx: SubscriptionsContext) => {
    const at = ctx.effectiveAt(input.at);
    await ctx.tenants.assertWritable(input.tenantId);
    assertMayProvision(ctx.principal);
    return createSubscription(ctx.em, { ...input, hybrid: input.hybrid ?? false, addOns: input.addOns ?? [] }, at, ctx.principal.sub);
  },
  renewSubscription: async (_: unknown, { input }: { input: RenewInput }, ctx: SubscriptionsContext) => {
    const at = ctx.effectiveAt(input.at);
    const subscription = await ctx.loaders.subscriptionById.load(input.subscriptionId);
    if (!subscription || !(await ctx.tenants.canRead(subscription.tenantId))) {
      throw new DomainError('NOT_FOUND', `no subscription ${input.subscriptionId}`);
    }
    await ctx.tenants.assertWritable(subscription.tenantId);
    assertMayProvision(ctx.principal);
    const { overAssignment, releaseAssignments, ...renewal } = input;
    return renewSubscription(ctx.em, input.subscriptionId, { ...renewal, overAssignment: overAssignment ?? 'REFUSE', releases: releaseAssignments ?? [] }, at, ctx.principal.sub);
  },
  addPartnerToTenant: async (_: unknown, args: WithAt<{ tenantId: string; partnerId: string }>, ctx: SubscriptionsContext) => {
    const at = ctx.effectiveAt(args.at);
    await ctx.tenants.assertWritable(args.tenantId);
    const partners = await ctx.loaders.tenantPartnersByTenantId.load(args.tenantId);
    assertMayAddPartner(ctx.principal, partners.filter((p) => p.managing).map((p) => p.partnerId));
    return addPartnerToTenant(ctx.em, args.tenantId, args.partnerId, at, ctx.principal.sub);
  },
  grantPartnerFullAccess: async (_: unknown, args: WithAt<{ tenantId: string; partnerId: string }>, ctx: SubscriptionsContext) => {
    const at = ctx.effectiveAt(args.at);
    await ctx.tenants.assertWritable(args.tenantId);
    assertMayGrantFullAccess(ctx.principal, args.tenantId);
    return grantPartnerFullAccess(ctx.em, args.tenantId, args.partnerId, at, ctx.principal.sub);
  },
  switchTenantTelephony: (_: unknown, args: WithAt<{ tenantId: string; telephony: string }>, ctx: SubscriptionsContext) => {
    const at = ctx.effectiveAt(args.at);
    assertOperator(ctx.principal, "switch a tenant's telephony option");
    return switchTenantTelephony(ctx.em, args.tenantId, args.telephony, at, ctx.principal.sub);
  },
  recordUsage: (_: unknown, { input }: { input: WithAt<{ tenantId: string; usageType: UsageType; quantity: number }> }, ctx: SubscriptionsContext) => {
    const at = ctx.effectiveAt(input.at);
    assertOperator(ctx.principal, 'record usage');
    return recordUsage(ctx.em, input, at);
  },
};
