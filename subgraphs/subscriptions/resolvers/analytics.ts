import { DomainError } from '../../kernel/domain-error';
import type { SubscriptionsContext } from '../context';

/** The one Analytics entity: its fields are aggregates contributed by several subgraphs. */
export const ANALYTICS = { id: 'analytics' } as const;

/** Cross-tenant aggregates are for analytics principals and operators (R33). */
export function assertAnalytics(ctx: SubscriptionsContext): void {
  if (ctx.principal.kind !== 'analytics' && ctx.principal.kind !== 'operator') {
    throw new DomainError('FORBIDDEN', 'cross-tenant aggregates are for analytics principals and operators');
  }
}

export const Analytics = {
  __resolveReference: () => ANALYTICS,
  tenantCount: (_: unknown, __: unknown, ctx: SubscriptionsContext) => {
    assertAnalytics(ctx);
    return ctx.loaders.countTenants();
  },
};
