import { CATALOG_REPLICA_ENTITIES } from '../../runtime/catalog-replica';
import { AUDIT_ENTITIES } from '../../runtime/audit';
import { OUTBOX_ENTITIES } from '../../runtime/outbox';
import { SUBSCRIPTION_REPLICA_ENTITIES } from '../../runtime/subscription-replica';
import { TENANT_DIRECTORY_ENTITIES } from '../../runtime/tenant-directory';
import { AddOnEnforcement } from './add-on-enforcement.entity';
import { AddOnTrial } from './add-on-trial.entity';
import { AgentSession } from './agent-session.entity';
import { Assignment } from './assignment.entity';
import { PoolLock } from './pool-lock.entity';
import { PoolPurchase } from './pool-purchase.entity';
import { TenantUserCount } from './tenant-user-count.entity';
import { UserSubscriptionMapping } from './user-subscription-mapping.entity';
import { User } from './user.entity';

export const ENTITLEMENTS_ENTITIES = [
  User,
  UserSubscriptionMapping,
  Assignment,
  PoolPurchase,
  PoolLock,
  AddOnTrial,
  AddOnEnforcement,
  AgentSession,
  TenantUserCount,
  ...TENANT_DIRECTORY_ENTITIES, ...CATALOG_REPLICA_ENTITIES, ...SUBSCRIPTION_REPLICA_ENTITIES, ...OUTBOX_ENTITIES, ...AUDIT_ENTITIES];
