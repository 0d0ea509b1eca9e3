import { DomainError } from '../../kernel/domain-error';

export interface MappingFact {
  readonly from: Date;
  readonly subscriptionId: string;
}

/**
 * R12: the subscription a user is mapped to at `at`: the latest mapping made at or
 * before `at`; null when none was (the user is not mapped, USER_NOT_MAPPED).
 */
export function mappedSubscriptionAt(mappings: readonly MappingFact[], at: Date): string | null {
  let current: MappingFact | null = null;
  for (const mapping of mappings) {
    if (mapping.from.getTime() <= at.getTime() && (current === null || mapping.from.getTime() >= current.from.getTime())) {
      current = mapping;
    }
  }
  return current?.subscriptionId ?? null;
}

/**
 * R12: a user is mapped to a subscription of its own tenant. An inactive subscription
 * may be chosen (an admin preparing a renewal); access then says SUBSCRIPTION_INACTIVE.
 */
export function assertMappable(userTenantId: string, subscription: { tenantId: string } | null, subscriptionId: string): void {
  if (!subscription || subscription.tenantId !== userTenantId) {
    throw new DomainError('NOT_FOUND', `no subscription ${subscriptionId} in the user's tenant`);
  }
}
