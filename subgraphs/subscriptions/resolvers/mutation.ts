import { DomainError } from '../../kernel/domain-error';
import { assertOperator, notImplemented } from '../../runtime/authorization';
import { createPartner } from '../commands/create-partner';
import { createTenant } from '../commands/create-tenant';
import type { SubscriptionsContext } from '../context';

export const Mutation = {
  createPartner: (_: unknown, { input }: { input: { name: string; at?: Date | null } }, ctx: SubscriptionsContext) => {
    assertOperator(ctx.principal, 'create partners');
    return createPartner(ctx.em, input, ctx.effectiveAt(input.at));
  },
  /** Operators create tenants for any partner; a partner with write access creates tenants it manages. */
  createTenant: async (
    _: unknown,
    { input }: { input: { name: string; managingPartnerId?: string | null; at?: Date | null } },
    ctx: SubscriptionsContext,
  ) => {
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
    const tenant = await createTenant(ctx.em, { name: input.name, managingPartnerId }, at);
    await ctx.relay.deliver();
    return tenant;
  },
  createSubscription: () => notImplemented('createSubscription'),
  renewSubscription: () => notImplemented('renewSubscription'),
  addPartnerToTenant: () => notImplemented('addPartnerToTenant'),
  grantPartnerFullAccess: () => notImplemented('grantPartnerFullAccess'),
  switchTenantTelephony: () => notImplemented('switchTenantTelephony'),
  recordUsage: () => notImplemented('recordUsage'),
};
