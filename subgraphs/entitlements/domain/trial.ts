import { DomainError } from '../../kernel/domain-error';
import type { Principal } from '../../kernel/principal';

export interface TrialWindow {
  readonly startsAt: Date;
  readonly endsAt: Date;
}

/** R19: during an add-on's trial [startsAt, endsAt) every user of the tenant has access. */
export function trialActiveAt(trials: readonly TrialWindow[], at: Date): boolean {
  const t = at.getTime();
  return trials.some((trial) => trial.startsAt.getTime() <= t && t < trial.endsAt.getTime());
}

/** R19, R30: only owners and admins start a trial (and operators on their behalf). */
export function assertMayStartTrial(principal: Principal): void {
  if (principal.kind === 'operator') return;
  if (principal.kind === 'customer' && (principal.role === 'OWNER' || principal.role === 'ADMIN')) return;
  throw new DomainError('FORBIDDEN', "only the tenant's owners and admins start a trial");
}

/** A trial ends after it starts and does not overlap a trial of the same add-on. */
export function assertNewTrial(existing: readonly TrialWindow[], trial: TrialWindow): void {
  if (trial.endsAt.getTime() <= trial.startsAt.getTime()) {
    throw new DomainError('BAD_USER_INPUT', 'a trial must end after it starts');
  }
  const overlapping = existing.find((t) => t.startsAt.getTime() < trial.endsAt.getTime() && trial.startsAt.getTime() < t.endsAt.getTime());
  if (overlapping) {
    throw new DomainError('BAD_USER_INPUT', `a trial of this add-on runs until ${overlapping.endsAt.toISOString()}`);
  }
}
