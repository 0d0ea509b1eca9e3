/**
 * R20: before an add-on's enforcement date (the grace period) every user keeps access
 * as before; from it on only licensed users have access. An add-on without an
 * enforcement date is enforced. Unassigned licences are never lost (pools keep them).
 */
export function inGracePeriod(enforcedFrom: Date | null, at: Date): boolean {
  return enforcedFrom !== null && at.getTime() < enforcedFrom.getTime();
}
