import type { BillingInterval } from './billing-cycle';
import type { CatalogAddOn, PlanSnapshot } from './catalog-model';
import type { UsageType } from './usage-types';

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

/** Catalog → everyone who acts on add-ons: an add-on as it is now (created or changed). */
export type CatalogAddOnChanged = EventEnvelope<'CatalogAddOnChanged', { readonly addOn: CatalogAddOn }>;

/** Catalog → everyone who acts on plans: a plan with its whole feature matrix as it is now. */
export type CatalogPlanChanged = EventEnvelope<'CatalogPlanChanged', { readonly plan: PlanSnapshot }>;

/** One term of a subscription as it travels: ISO instants, its content. */
export interface TermSnapshot {
  readonly startsAt: string;
  readonly endsAt: string;
  readonly items: readonly { readonly usageType: UsageType; readonly quantity: number; readonly since: string }[];
  readonly addOns: readonly { readonly addOnKey: string; readonly quantity: number }[];
}

/** A subscription as Subscriptions announces it after every change: identity, model and every term. */
export interface SubscriptionSnapshot {
  readonly subscriptionId: string;
  readonly tenantId: string;
  readonly name: string;
  readonly planKey: string;
  readonly licensingModel: 'NAMED' | 'CONCURRENT';
  readonly telephony: string;
  readonly billingInterval: BillingInterval;
  readonly originalStartsAt: string;
  readonly terms: readonly TermSnapshot[];
}

/**
 * R36: when a change takes effect (a renewal: its term's start, which may lie before the
 * change was made), and the users whose assignments of each add-on it asked to end then.
 * (Whatever still exceeds the licences then ends newest first, as with no request.)
 */
export interface AssignmentRelease {
  readonly effectiveAt: string;
  readonly releases: readonly { readonly addOnKey: string; readonly userIds: readonly string[] }[];
}

/** Subscriptions → Entitlements (access, pools, seats) and Invoicing (cycles, seats). */
export type SubscriptionChanged = EventEnvelope<
  'SubscriptionChanged',
  { readonly subscription: SubscriptionSnapshot; readonly release?: AssignmentRelease }
>;

/**
 * Entitlements → Subscriptions: who holds a tenant's pool of an add-on now (scheduled
 * ends included), how many of them take an Elite seat's cover (R37), and how many
 * licences it bought, after every change of any: what a renewal, plan change or amendment
 * is checked against (R36). `seq` is the pool's lock sequence: a later change of the pool
 * has a larger one, so an announcement overtaken by a later one is ignored.
 */
export type PoolHoldersChanged = EventEnvelope<
  'PoolHoldersChanged',
  { readonly tenantId: string; readonly addOnKey: string; readonly holders: number; readonly covered: number; readonly bought: number; readonly seq: number }
>;

/**
 * Entitlements → Invoicing: licences bought by assigning beyond the pool (R16, R18),
 * to be invoiced prorated for the rest of the cycle (R27). `unitPrice` is the catalog
 * price when bought, so the invoice does not depend on later price changes.
 */
export type LicenseBought = EventEnvelope<
  'LicenseBought',
  {
    readonly purchaseId: string;
    readonly tenantId: string;
    readonly addOnKey: string;
    readonly quantity: number;
    readonly unitPrice: { readonly amountMinor: number; readonly currency: string };
    readonly boughtAt: string;
    readonly boughtBy: string;
    /** The subscription billed: the primary one at `boughtAt` (R8) as Entitlements knew it; absent in events written before it was carried. */
    readonly billedSubscriptionId?: string | null;
  }
>;

/**
 * Invoicing → Entitlements: licences bought through self-service (R30, R31), added to
 * the tenant's pool (R15). Same id as the purchase in both subgraphs.
 */
export type AddOnPurchased = EventEnvelope<
  'AddOnPurchased',
  {
    readonly purchaseId: string;
    readonly tenantId: string;
    readonly addOnKey: string;
    readonly quantity: number;
    readonly purchasedAt: string;
  }
>;

/** Subscriptions → Invoicing: a usage reading (R4), for overage and usage lines (R9, R29). */
export type UsageRecorded = EventEnvelope<
  'UsageRecorded',
  { readonly readingId: string; readonly tenantId: string; readonly usageType: UsageType; readonly quantity: number; readonly at: string }
>;

/**
 * Entitlements → Invoicing: a stretch of concurrent sessions above the seats that lasted
 * more than 30 minutes has ended (R23): billable overage at its peak excess, for the
 * usage type of the tenant's concurrent seats. `stretchId` names the stretch (tenant and
 * start), so it is billed once.
 */
export type ConcurrencyOverageRecorded = EventEnvelope<
  'ConcurrencyOverageRecorded',
  {
    readonly stretchId: string;
    readonly tenantId: string;
    readonly usageType: UsageType;
    readonly from: string;
    readonly to: string;
    readonly excess: number;
  }
>;

/** One audit entry as it travels (R35): JSON before/after as text. */
export interface AuditEntrySnapshot {
  readonly id: string;
  readonly tenantId: string;
  readonly at: string;
  /** When it was written (server clock); absent in events sent before it was carried. */
  readonly recordedAt?: string;
  readonly actor: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly before: string | null;
  readonly after: string | null;
}

/** Entitlements, Invoicing → Subscriptions: changes recorded in their transactions, for the tenant's audit log (R35). */
export type AuditRecorded = EventEnvelope<'AuditRecorded', { readonly entries: readonly AuditEntrySnapshot[] }>;

export type IntegrationEvent =
  | TenantCreated
  | PartnerAccessChanged
  | CatalogAddOnChanged
  | CatalogPlanChanged
  | SubscriptionChanged
  | LicenseBought
  | AddOnPurchased
  | UsageRecorded
  | ConcurrencyOverageRecorded
  | AuditRecorded
  | PoolHoldersChanged;
export type IntegrationEventType = IntegrationEvent['type'];
