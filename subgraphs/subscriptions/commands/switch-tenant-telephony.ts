import type { EntityManager } from '@mikro-orm/core';

import type { SubscriptionChanged } from '../../kernel/integration-events';
import { recordAuditInLog } from '../../runtime/audit';
import { enqueueEvents, newEvent } from '../../runtime/outbox';
import { assertTelephonyOption } from '../domain/tenant-consistency';
import { SubscriptionTerm } from '../entities/subscription-term.entity';
import { Subscription } from '../entities/subscription.entity';
import type { TenantRow } from '../entities/tenant.entity';
import { toSnapshot, toView } from '../entities/subscription-views';
import { changeTenantSubscriptions } from './lock-tenant';

/**
 * R11: an operator switches the telephony option of the whole tenant: the tenant and
 * every one of its subscriptions, in one transaction, so they never disagree.
 */
export async function switchTenantTelephony(em: EntityManager, tenantId: string, telephony: string, at: Date, actor: string): Promise<TenantRow> {
  assertTelephonyOption(telephony);
  return changeTenantSubscriptions(em, async (tx, lock) => {
    const tenant = await lock(tenantId);
    recordAuditInLog(tx, [{ tenantId, action: 'tenant.telephony_switched', entityType: 'Tenant', entityId: tenantId, before: { telephony: tenant.telephony }, after: { telephony } }], actor, at);
    tenant.telephony = telephony;
    const subscriptions = await tx.find(Subscription, { tenantId });
    const terms = await tx.find(SubscriptionTerm, { tenantId });
    const events: SubscriptionChanged[] = [];
    for (const subscription of subscriptions) {
      if (subscription.telephony === telephony) continue;
      subscription.telephony = telephony;
      const view = toView(subscription, terms.filter((t) => t.subscriptionId === subscription.id));
      events.push(newEvent<SubscriptionChanged>('SubscriptionChanged', { subscription: toSnapshot(view) }, at));
    }
    enqueueEvents(tx, events);
    return tenant;
  });
}
