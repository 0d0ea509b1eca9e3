import { DomainError } from '../../kernel/domain-error';
import { previewAddOnAssignment } from '../queries/preview-add-on-assignment';
import type { EntitlementsContext } from '../context';
import { catalogAddOn } from './tenant';
import { visibleUser } from './user';

export const Query = {
  user: async (_: unknown, args: { id: string }, ctx: EntitlementsContext) =>
    (await visibleUser(args.id, ctx)) ?? notFound(args.id),
  /** It changes nothing: whoever may read the tenant may ask (a dashboard shows it before Confirm). */
  previewAddOnAssignment: async (
    _: unknown,
    args: { tenantId: string; addOnKey: string; userIds: string[]; at?: Date | null },
    ctx: EntitlementsContext,
  ) => {
    const at = ctx.effectiveAt(args.at);
    await ctx.tenants.assertReadable(args.tenantId);
    const addOn = await catalogAddOn(ctx, args.addOnKey);
    const preview = await previewAddOnAssignment(ctx.em, { tenantId: args.tenantId, addOn, userIds: args.userIds }, at);
    return { ...preview, addOn: { key: addOn.key }, poolAfter: { addOn: { key: addOn.key }, ...preview.poolAfter } };
  },
};

function notFound(id: string): never {
  throw new DomainError('NOT_FOUND', `no user ${id}`);
}
