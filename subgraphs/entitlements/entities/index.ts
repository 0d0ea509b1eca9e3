import { CATALOG_REPLICA_ENTITIES } from '../../runtime/catalog-replica';
import { OUTBOX_ENTITIES } from '../../runtime/outbox';
import { SUBSCRIPTION_REPLICA_ENTITIES } from '../../runtime/subscription-replica';
import { TENANT_DIRECTORY_ENTITIES } from '../../runtime/tenant-directory';
import { UserSubscriptionMapping } from './user-subscription-mapping.entity';
import { User } from './user.entity';

export const ENTITLEMENTS_ENTITIES = [User, UserSubscriptionMapping, ...TENANT_DIRECTORY_ENTITIES, ...CATALOG_REPLICA_ENTITIES, ...SUBSCRIPTION_REPLICA_ENTITIES, ...OUTBOX_ENTITIES];
