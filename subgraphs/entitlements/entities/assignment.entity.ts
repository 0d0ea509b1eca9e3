import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Why an assignment ends (R17, R36). */
export const ASSIGNMENT_ENDINGS = ['UNASSIGNED', 'LICENCES_ENDED', 'RELEASED'] as const;
export type AssignmentEnding = (typeof ASSIGNMENT_ENDINGS)[number];

/**
 * An add-on licence assigned to a user from `assignedAt` until `unassignedAt` (R16,
 * R17). Revoked rows stay, so access and pools answer for any instant (R34).
 * `activeKey` is `<userId>:<addOnKey>` while the user holds it and null after: its
 * unique index makes a second active assignment of the same licence impossible on both
 * databases. An end may lie ahead (R36: the licences behind it end then, `ending`
 * LICENCES_ENDED, and a renewal before then cancels it); the key is released by the
 * first command that finds it passed.
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
    ending: p.enum([...ASSIGNMENT_ENDINGS]).nullable(),
  },
  // A pool's count of assignments (active now, or at an instant: R15, R34) reads this index alone, not the rows.
  indexes: [{ properties: ['tenantId', 'addOnKey', 'unassignedAt', 'assignedAt'] }],
});
export type AssignmentRow = InferEntity<typeof Assignment>;

/** The `activeKey` of a user's hold of an add-on. */
export const activeKeyOf = (userId: string, addOnKey: string) => `${userId}:${addOnKey}`;
