import { Migration } from '@mikro-orm/migrations';

export class Migration20261122052046 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "add_on" ("key" varchar(255) not null, "name" varchar(255) not null, "product_line" text check ("product_line" in ('ZOOM_CONTACT_CENTER', 'AIRCALL', 'WEBEX_CONTACT_CENTER')) not null, "type" text check ("type" in ('PROVISIONED', 'ACCOUNT_LEVEL', 'OTHER')) not null, "seat_model" text check ("seat_model" in ('PER_SEAT', 'ACCOUNT_WIDE')) not null, "usage_type" text check ("usage_type" in ('AGENT_STANDARD', 'AGENT_PREMIUM', 'IVR', 'AI_AGENT', 'AI_ASSISTANT', 'IVR_OUTBOUND_CAMPAIGN', 'WEBEX_CONNECT')) null, "exhaustion_policy" text check ("exhaustion_policy" in ('AUTO_PURCHASE', 'HARD_CAP')) not null, "unit_price_minor" int not null, "currency" varchar(3) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "add_on_pkey" primary key ("key"));`);
    this.addSql(`create index "add_on_product_line_index" on "add_on" ("product_line");`);

    this.addSql(`create table "feature" ("key" varchar(255) not null, "name" varchar(255) not null, "product_line" text check ("product_line" in ('ZOOM_CONTACT_CENTER', 'AIRCALL', 'WEBEX_CONTACT_CENTER')) not null, "add_on_key" varchar(255) null, "position" int not null, constraint "feature_pkey" primary key ("key"));`);
    this.addSql(`create index "feature_product_line_index" on "feature" ("product_line");`);

    this.addSql(`create table "outbox_message" ("id" varchar(255) not null, "type" varchar(255) not null, "payload" text not null, "occurred_at" timestamptz not null, "published_at" timestamptz null, constraint "outbox_message_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_message_published_at_index" on "outbox_message" ("published_at");`);

    this.addSql(`create table "plan" ("key" varchar(255) not null, "name" varchar(255) not null, "product_line" text check ("product_line" in ('ZOOM_CONTACT_CENTER', 'AIRCALL', 'WEBEX_CONTACT_CENTER')) not null, "seat_usage_type" text check ("seat_usage_type" in ('AGENT_STANDARD', 'AGENT_PREMIUM', 'IVR', 'AI_AGENT', 'AI_ASSISTANT', 'IVR_OUTBOUND_CAMPAIGN', 'WEBEX_CONNECT')) not null, "seat_price_minor" int not null, "currency" varchar(3) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "plan_pkey" primary key ("key"));`);
    this.addSql(`create index "plan_product_line_index" on "plan" ("product_line");`);

    this.addSql(`create table "plan_feature" ("plan_key" varchar(255) not null, "feature_key" varchar(255) not null, "availability" text check ("availability" in ('INCLUDED', 'ADD_ON', 'UNAVAILABLE')) not null, "position" int not null, constraint "plan_feature_pkey" primary key ("plan_key", "feature_key"));`);

    this.addSql(`create table "processed_event" ("id" varchar(255) not null, "type" varchar(255) not null, "processed_at" timestamptz not null, constraint "processed_event_pkey" primary key ("id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "add_on" cascade;`);

    this.addSql(`drop table if exists "feature" cascade;`);

    this.addSql(`drop table if exists "outbox_message" cascade;`);

    this.addSql(`drop table if exists "plan" cascade;`);

    this.addSql(`drop table if exists "plan_feature" cascade;`);

    this.addSql(`drop table if exists "processed_event" cascade;`);
  }

}
