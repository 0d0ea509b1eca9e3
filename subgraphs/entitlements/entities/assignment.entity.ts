import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * An add-on licence assigned to a user from `assignedAt` until `unassignedAt` (R16,
 * R17). Revoked rows stay, so access and pools answer for any instant (R34).
 * `activeKey` is `<userId>:<addOnKey>` while assigned and null after: its unique index
 * makes a second active assignment of the same licence impossible on both databases.
 */
export const Assignment = defineEntity({
  name: 'Assignment',
  tableName: 'assignment',
  properties: {
    id: p.string().primary(),
    tenantId: p.string(),
    userId: p.string().index(),
    addOnKey: p.string(),
    assignedAt: p.datetime(),
    unassignedAt: p.datetime().nullable(),
    activeKey: p.string().nullable().unique(),
  },
  // A pool's count of assignments (active now, or at an instant: R15, R34) reads this index alone, not the rows.
  indexes: [{ properties: ['tenantId', 'addOnKey', 'unassignedAt', 'assignedAt'] }],
});
export type AssignmentRow = InferEntity<typeof Assignment>;
