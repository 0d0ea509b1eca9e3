import { DomainError } from '../../kernel/domain-error';
import type { SubscriptionsContext } from '../context';

/** Operators see every partner; a partner principal sees itself; nobody else looks partners up by id. */
export function assertMaySeePartner(ctx: SubscriptionsContext, partnerId: string): void {
  const { principal } = ctx;
  if (principal.kind === 'operator') return;
  if (principal.kind === 'partner' && principal.partnerId === partnerId) return;
  throw new DomainError('NOT_FOUND', `no partner ${partnerId}`);
}

export const Partner = {
  __resolveReference: (ref: { id: string }, ctx: SubscriptionsContext) => {
    try {
      assertMaySeePartner(ctx, ref.id);
    } catch {
      return null;
    }
    return ctx.loaders.partnerById.load(ref.id);
  },
};
