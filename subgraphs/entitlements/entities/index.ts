import { OUTBOX_ENTITIES } from '../../runtime/outbox';
import { TENANT_DIRECTORY_ENTITIES } from '../../runtime/tenant-directory';
import { User } from './user.entity';

export const ENTITLEMENTS_ENTITIES = [User, ...TENANT_DIRECTORY_ENTITIES, ...OUTBOX_ENTITIES];
