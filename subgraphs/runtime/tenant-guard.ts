import type DataLoader from 'dataloader';

import { DomainError } from '../kernel/domain-error';
import type { Principal } from '../kernel/principal';
import { canReadTenant, canWriteTenant, type TenantAccessFacts } from '../kernel/tenant-access';

/**
 * Per-request tenant scoping (R33) over whatever the subgraph knows of tenants. A
 * tenant the principal may not see is NOT_FOUND, exactly like one that does not exist,
 * so ids of other tenants reveal nothing.
 */
export class TenantGuard {
  constructor(
    private readonly principal: Principal,
    /** The request's loaders (read when a check is made: a request that checks nothing makes no loader). */
    private readonly loaders: { readonly tenantFactsById: DataLoader<string, TenantAccessFacts | null> },
  ) {}

  /** Whether the principal may read the tenant (false for unknown tenants). */
  async canRead(tenantId: string): Promise<boolean> {
    const facts = await this.loaders.tenantFactsById.load(tenantId);
    return facts !== null && canReadTenant(this.principal, facts);
  }

  async assertReadable(tenantId: string): Promise<void> {
    if (!(await this.canRead(tenantId))) throw new DomainError('NOT_FOUND', `no tenant ${tenantId}`);
  }

  /** NOT_FOUND when the principal cannot see the tenant; FORBIDDEN when it may only read it (R13, R33). */
  async assertWritable(tenantId: string): Promise<void> {
    const facts = await this.loaders.tenantFactsById.load(tenantId);
    if (facts === null || !canReadTenant(this.principal, facts)) {
      throw new DomainError('NOT_FOUND', `no tenant ${tenantId}`);
    }
    if (!canWriteTenant(this.principal, facts)) {
      throw new DomainError('FORBIDDEN', 'this principal may read this tenant but not change it');
    }
  }
}
