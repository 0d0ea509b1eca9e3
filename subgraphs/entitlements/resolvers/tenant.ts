import { decodeCursor, pageSize, toPage } from '../../kernel/pagination';
import { notImplemented } from '../../runtime/authorization';
import type { EntitlementsContext } from '../context';

export const Tenant = {
  /** Scoped: fields of a tenant the principal may not see resolve to nothing. */
  __resolveReference: async (ref: { id: string }, ctx: EntitlementsContext) =>
    (await ctx.tenants.canRead(ref.id)) ? { id: ref.id } : null,
  users: async (tenant: { id: string }, args: { first?: number | null; after?: string | null }, ctx: EntitlementsContext) => {
    await ctx.tenants.assertReadable(tenant.id);
    const size = pageSize(args.first);
    const rows = await ctx.loaders.usersPage(tenant.id, decodeCursor(args.after), size + 1);
    return { ...toPage(rows, size, (user) => user.id), tenantId: tenant.id };
  },
  addOnPool: () => notImplemented('Tenant.addOnPool'),
  concurrency: () => notImplemented('Tenant.concurrency'),
  addOnRequirements: () => notImplemented('Tenant.addOnRequirements'),
};

export const UserConnection = {
  /** Counted only when asked for. */
  totalCount: (connection: { tenantId: string }, _: unknown, ctx: EntitlementsContext) =>
    ctx.loaders.countUsers(connection.tenantId),
};
