import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const Partner = defineEntity({
  name: 'Partner',
  tableName: 'partner',
  properties: {
    id: p.string().primary(),
    name: p.string(),
    createdAt: p.datetime(),
  },
});
export type PartnerRow = InferEntity<typeof Partner>;
