import { Migration } from '@mikro-orm/migrations';

export class Migration20261122082118 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "feature_request" ("id" varchar(255) not null, "tenant_id" varchar(255) not null, "add_on_key" varchar(255) not null, "status" text check ("status" in ('OPEN', 'FULFILLED')) not null, "requested_by" varchar(255) not null, "requested_at" timestamptz not null, constraint "feature_request_pkey" primary key ("id"));`);
    this.addSql(`create index "feature_request_tenant_id_add_on_key_index" on "feature_request" ("tenant_id", "add_on_key");`);

    this.addSql(`create table "invoice" ("id" varchar(255) not null, "tenant_id" varchar(255) not null, "subscription_id" varchar(255) not null, "kind" text check ("kind" in ('CYCLE', 'PRORATION')) not null, "issue_key" varchar(255) not null, "period_start" timestamptz not null, "period_end" timestamptz not null, "issued_at" timestamptz not null, "subtotal_minor" bigint not null, "currency" varchar(3) not null, constraint "invoice_pkey" primary key ("id"));`);
    this.addSql(`alter table "invoice" add constraint "invoice_issue_key_unique" unique ("issue_key");`);
    this.addSql(`create index "invoice_tenant_id_issued_at_index" on "invoice" ("tenant_id", "issued_at");`);
    this.addSql(`create index "invoice_subscription_id_period_start_index" on "invoice" ("subscription_id", "period_start");`);

    this.addSql(`create table "invoice_line" ("id" varchar(255) not null, "invoice_id" varchar(255) not null, "subscription_id" varchar(255) not null, "position" int not null, "kind" text check ("kind" in ('PLAN_SEATS', 'ADD_ON_LICENSE', 'PRORATION', 'OVERAGE', 'USAGE')) not null, "description" varchar(255) not null, "quantity" int not null, "unit_amount_minor" bigint not null, "amount_minor" bigint not null, "currency" varchar(3) not null, "period_start" timestamptz not null, "period_end" timestamptz not null, "usage_type" text check ("usage_type" in ('AGENT_STANDARD', 'AGENT_PREMIUM', 'IVR', 'AI_AGENT', 'AI_ASSISTANT', 'IVR_OUTBOUND_CAMPAIGN', 'WEBEX_CONNECT')) null, "add_on_key" varchar(255) null, constraint "invoice_line_pkey" primary key ("id"));`);
    this.addSql(`create index "invoice_line_invoice_id_index" on "invoice_line" ("invoice_id");`);
    this.addSql(`create index "invoice_line_subscription_id_kind_index" on "invoice_line" ("subscription_id", "kind");`);

    this.addSql(`create table "purchase" ("id" varchar(255) not null, "tenant_id" varchar(255) not null, "add_on_key" varchar(255) not null, "quantity" int not null, "unit_amount_minor" bigint not null, "currency" varchar(3) not null, "purchased_at" timestamptz not null, "source" text check ("source" in ('SELF_SERVICE', 'AUTO_PURCHASE')) not null, "subscription_id" varchar(255) null, "actor" varchar(255) not null, "idempotency_key" varchar(255) null, "request_fingerprint" varchar(255) null, "self_service_slot" varchar(255) null, constraint "purchase_pkey" primary key ("id"));`);
    this.addSql(`create index "purchase_subscription_id_index" on "purchase" ("subscription_id");`);
    this.addSql(`alter table "purchase" add constraint "purchase_self_service_slot_unique" unique ("self_service_slot");`);
    this.addSql(`create index "purchase_tenant_id_add_on_key_index" on "purchase" ("tenant_id", "add_on_key");`);
    this.addSql(`alter table "purchase" add constraint "purchase_tenant_id_idempotency_key_unique" unique ("tenant_id", "idempotency_key");`);

    this.addSql(`create table "quote_request" ("id" varchar(255) not null, "tenant_id" varchar(255) not null, "add_on_key" varchar(255) not null, "quantity" int not null, "status" text check ("status" in ('DRAFT', 'SUBMITTED')) not null, "requested_by" varchar(255) not null, "requested_at" timestamptz not null, "submitted_by" varchar(255) null, "submitted_at" timestamptz null, constraint "quote_request_pkey" primary key ("id"));`);
    this.addSql(`create index "quote_request_tenant_id_index" on "quote_request" ("tenant_id");`);

    this.addSql(`create table "usage_reading" ("id" varchar(255) not null, "tenant_id" varchar(255) not null, "usage_type" text check ("usage_type" in ('AGENT_STANDARD', 'AGENT_PREMIUM', 'IVR', 'AI_AGENT', 'AI_ASSISTANT', 'IVR_OUTBOUND_CAMPAIGN', 'WEBEX_CONNECT')) not null, "quantity" int not null, "at" timestamptz not null, constraint "usage_reading_pkey" primary key ("id"));`);
    this.addSql(`create index "usage_reading_tenant_id_usage_type_at_index" on "usage_reading" ("tenant_id", "usage_type", "at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "feature_request" cascade;`);

    this.addSql(`drop table if exists "invoice" cascade;`);

    this.addSql(`drop table if exists "invoice_line" cascade;`);

    this.addSql(`drop table if exists "purchase" cascade;`);

    this.addSql(`drop table if exists "quote_request" cascade;`);

    this.addSql(`drop table if exists "usage_reading" cascade;`);
  }

}
