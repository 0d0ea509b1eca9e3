import type { EntityManager } from '@mikro-orm/core';

import { newId } from '../../kernel/ids';
import { assertName } from '../../kernel/text-input';
import { Partner, type PartnerRow } from '../entities/partner.entity';

/** Creates a partner (operators). */
export async function createPartner(em: EntityManager, input: { name: string }, at: Date): Promise<PartnerRow> {
  assertName(input.name, 'partner');
  return em.transactional(async (tx) => {
    const partner = tx.create(Partner, { id: newId('par', at), name: input.name.trim(), createdAt: at });
    tx.persist(partner);
    return partner;
  });
}
