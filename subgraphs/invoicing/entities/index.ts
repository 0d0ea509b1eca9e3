import { OUTBOX_ENTITIES } from '../../runtime/outbox';
import { TENANT_DIRECTORY_ENTITIES } from '../../runtime/tenant-directory';

export const INVOICING_ENTITIES = [...TENANT_DIRECTORY_ENTITIES, ...OUTBOX_ENTITIES];
