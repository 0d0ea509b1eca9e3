/**
 * The events that travel between subgraphs (ARCHITECTURE.md: a write that another
 * subgraph must act on travels as an event). Each has a version so a consumer can
 * refuse a shape it does not know rather than misread it.
 */
export type PartnerAccessLevel = 'READ_ONLY' | 'FULL';

export interface EventEnvelope<TType extends string, TPayload> {
  /** Unique id; consumers record it and apply an event once. */
  readonly id: string;
  readonly type: TType;
  readonly version: 1;
  /** ISO-8601 instant of the change. */
  readonly occurredAt: string;
  readonly payload: TPayload;
}

/** Subscriptions → everyone who scopes by tenant: a tenant exists, with its managing partner (FULL, R13). */
export type TenantCreated = EventEnvelope<
  'TenantCreated',
  { readonly tenantId: string; readonly name: string; readonly managingPartnerId: string | null }
>;

/** Subscriptions → everyone who scopes by tenant: a partner's access to a tenant (R13). */
export type PartnerAccessChanged = EventEnvelope<
  'PartnerAccessChanged',
  { readonly tenantId: string; readonly partnerId: string; readonly access: PartnerAccessLevel }
>;

export type IntegrationEvent = TenantCreated | PartnerAccessChanged;
export type IntegrationEventType = IntegrationEvent['type'];
