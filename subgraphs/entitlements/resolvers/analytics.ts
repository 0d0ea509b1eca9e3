import { DomainError } from '../../kernel/domain-error';
import type { EntitlementsContext } from '../context';

/** The Analytics entity's Entitlements fields: cross-tenant aggregates, no per-user data (R33). */
export const Analytics = {
  __resolveReference: (ref: { id: string }) => ref,
  addOnUtilization: async (_: unknown, args: { addOnKey: string }, ctx: EntitlementsContext) => {
    if (ctx.principal.kind !== 'analytics' && ctx.principal.kind !== 'operator') {
      throw new DomainError('FORBIDDEN', 'cross-tenant aggregates are for analytics principals and operators');
    }
    return ctx.loaders.addOnUtilization(args.addOnKey, ctx.now);
  },
};
