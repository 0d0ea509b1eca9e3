import { Migration } from '@mikro-orm/migrations';

export class Migration20261122055757 extends Migration {

  override async up(): Promise<void> {
    // Data: drops tenant.version, an optimistic-lock counter with no business meaning, replaced by provisioning_seq.
    this.addSql(`create table "catalog_replica" ("kind" text check ("kind" in ('PLAN', 'ADD_ON')) not null, "key" varchar(255) not null, "document" text not null, constraint "catalog_replica_pkey" primary key ("kind", "key"));`);

    this.addSql(`create table "subscription" ("id" varchar(255) not null, "tenant_id" varchar(255) not null, "name" varchar(255) not null, "department" varchar(255) not null, "plan_key" varchar(255) not null, "licensing_model" text check ("licensing_model" in ('NAMED', 'CONCURRENT')) not null, "telephony" varchar(255) not null, "offer" text check ("offer" in ('FLEX', 'FLEX_3', 'STANDARD')) not null, "hybrid" boolean not null, "billing_interval" text check ("billing_interval" in ('MONTHLY', 'ANNUAL')) not null, "original_starts_at" timestamptz not null, "created_at" timestamptz not null, constraint "subscription_pkey" primary key ("id"));`);
    this.addSql(`create index "subscription_tenant_id_index" on "subscription" ("tenant_id");`);

    this.addSql(`create table "subscription_term" ("subscription_id" varchar(255) not null, "seq" int not null, "tenant_id" varchar(255) not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "items" jsonb not null, "add_ons" jsonb not null, constraint "subscription_term_pkey" primary key ("subscription_id", "seq"));`);
    this.addSql(`create index "subscription_term_tenant_id_index" on "subscription_term" ("tenant_id");`);

    this.addSql(`create table "usage_record" ("id" varchar(255) not null, "tenant_id" varchar(255) not null, "usage_type" text check ("usage_type" in ('AGENT_STANDARD', 'AGENT_PREMIUM', 'IVR', 'AI_AGENT', 'AI_ASSISTANT', 'IVR_OUTBOUND_CAMPAIGN', 'WEBEX_CONNECT')) not null, "quantity" int not null, "at" timestamptz not null, constraint "usage_record_pkey" primary key ("id"));`);
    this.addSql(`create index "usage_record_tenant_id_usage_type_at_index" on "usage_record" ("tenant_id", "usage_type", "at");`);

    this.addSql(`alter table "tenant" drop column "version";`);

    this.addSql(`alter table "tenant" add column "provisioning_seq" int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "catalog_replica" cascade;`);

    this.addSql(`drop table if exists "subscription" cascade;`);

    this.addSql(`drop table if exists "subscription_term" cascade;`);

    this.addSql(`drop table if exists "usage_record" cascade;`);

    this.addSql(`alter table "tenant" drop column "provisioning_seq";`);

    this.addSql(`alter table "tenant" add column "version" int4 not null default 1;`);
  }

}
