import type { EntityManager } from '@mikro-orm/core';

import { BOUNDS } from '../../kernel/bounds';
import { DomainError } from '../../kernel/domain-error';
import { newId } from '../../kernel/ids';
import type { Role } from '../../kernel/principal';
import { assertEmail, assertName } from '../../kernel/text-input';
import { User, type UserRow } from '../entities/user.entity';
import { countCreatedUsers } from './count-users';
import { mapUser } from './map-user-to-subscription';
import { recordAudit } from '../../runtime/audit';

export interface CreateUserCommand {
  readonly tenantId: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  /** R12: the subscription to map the user to from its creation. */
  readonly subscriptionId?: string | null;
}

/**
 * Creates a user of a tenant, mapped to a subscription of the tenant when one is given
 * (R12). BAD_USER_INPUT when the tenant has a user with that e-mail already.
 */
export async function createUser(em: EntityManager, input: CreateUserCommand, at: Date, actor: string): Promise<UserRow> {
  assertName(input.name, 'user');
  const email = input.email.trim().toLowerCase();
  assertEmail(email);
  return em.transactional(async (tx) => {
    if (await tx.findOne(User, { tenantId: input.tenantId, email })) {
      throw new DomainError('BAD_USER_INPUT', `the tenant has a user with e-mail ${email} already`);
    }
    const user = tx.create(User, {
      id: newId('usr', at),
      tenantId: input.tenantId,
      name: input.name.trim(),
      email,
      role: input.role,
      createdAt: at,
    });
    tx.persist(user);
    const users = await countCreatedUsers(tx, user.tenantId, 1);
    if (users > BOUNDS.usersPerTenant) throw new DomainError('BAD_USER_INPUT', `a tenant has at most ${BOUNDS.usersPerTenant.toLocaleString('en-US')} users`);
    recordAudit(tx, [{ tenantId: user.tenantId, action: 'user.created', entityType: 'User', entityId: user.id, after: { role: user.role, subscriptionId: input.subscriptionId ?? null } }], actor, at);
    if (input.subscriptionId) await mapUser(tx, user, input.subscriptionId, at);
    return user;
  });
}
