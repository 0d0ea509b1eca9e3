import { DomainError } from '../../kernel/domain-error';
import type { EntitlementsContext } from '../context';
import { visibleUser } from './user';

export const Query = {
  user: async (_: unknown, args: { id: string }, ctx: EntitlementsContext) =>
    (await visibleUser(args.id, ctx)) ?? notFound(args.id),
};

function notFound(id: string): never {
  throw new DomainError('NOT_FOUND', `no user ${id}`);
}
