import type { CatalogAddOn } from '../../kernel/catalog-model';
import { DomainError } from '../../kernel/domain-error';
import { decodeCursor, pageSize, toPage } from '../../kernel/pagination';
import type { EntitlementsContext } from '../context';
import { analyseConcurrency, concurrentSeats } from '../domain/concurrency-grace';
import { poolAt, requirementsAt } from '../queries/read-model';
import { addOnTypeOf } from '../../kernel/add-on-types';

/** An add-on of the catalog replica, NOT_FOUND when the catalog has none by that key. */
export async function catalogAddOn(ctx: EntitlementsContext, key: string): Promise<CatalogAddOn> {
  const addOn = await ctx.loaders.replicaAddOnByKey.load(key);
  if (!addOn) throw new DomainError('NOT_FOUND', `no add-on "${key}"`);
  return addOn;
}

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
  /** R15: the pool of a provisioned (or account-level) add-on at `at` (R34). */
  addOnPool: async (tenant: { id: string }, args: { addOnKey: string; at?: Date | null }, ctx: EntitlementsContext) => {
    await ctx.tenants.assertReadable(tenant.id);
    const addOn = await catalogAddOn(ctx, args.addOnKey);
    if (addOnTypeOf(addOn).pool === null) throw new DomainError('BAD_USER_INPUT', `${addOn.key} is not licence-gated, so it has no pool`);
    const { balance } = await poolAt(ctx.loaders, tenant.id, addOn, ctx.at(args.at));
    return { addOn: { key: addOn.key }, ...balance };
  },
  /** R22, R23: seats, peak and billable excess stretches over [from, to). */
  concurrency: async (tenant: { id: string }, args: { from: Date; to: Date }, ctx: EntitlementsContext) => {
    await ctx.tenants.assertReadable(tenant.id);
    if (args.to.getTime() <= args.from.getTime()) throw new DomainError('BAD_USER_INPUT', '`to` must be after `from`');
    const from = args.from.getTime();
    const to = args.to.getTime();
    const [subscriptions, sessions] = await Promise.all([
      ctx.loaders.replicaSubscriptionsByTenantId.load(tenant.id),
      ctx.loaders.sessionBounds(tenant.id, from, to),
    ]);
    return analyseConcurrency({ sessions, from, to, seats: concurrentSeats(subscriptions, from, to) });
  },
  /** R24: what concurrent Elite seats leave uncovered at `at`. */
  addOnRequirements: async (tenant: { id: string }, args: { at?: Date | null }, ctx: EntitlementsContext) => {
    await ctx.tenants.assertReadable(tenant.id);
    return requirementsAt(ctx.loaders, tenant.id, ctx.at(args.at));
  },
};

export const UserConnection = {
  /** Counted only when asked for. */
  totalCount: (connection: { tenantId: string }, _: unknown, ctx: EntitlementsContext) =>
    ctx.loaders.countUsers(connection.tenantId),
};
