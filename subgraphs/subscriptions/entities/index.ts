import { OUTBOX_ENTITIES } from '../../runtime/outbox';
import { Partner } from './partner.entity';
import { TenantPartner } from './tenant-partner.entity';
import { Tenant } from './tenant.entity';

export const SUBSCRIPTIONS_ENTITIES = [Partner, Tenant, TenantPartner, ...OUTBOX_ENTITIES];
