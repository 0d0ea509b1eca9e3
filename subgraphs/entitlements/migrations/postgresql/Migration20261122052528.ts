import { Migration } from '@mikro-orm/migrations';

export class Migration20261122052528 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "directory_partner_access" ("tenant_id" varchar(255) not null, "partner_id" varchar(255) not null, "access" text check ("access" in ('READ_ONLY', 'FULL')) not null, constraint "directory_partner_access_pkey" primary key ("tenant_id", "partner_id"));`);

    this.addSql(`create table "directory_tenant" ("id" varchar(255) not null, "name" varchar(255) not null, "created_at" timestamptz not null, constraint "directory_tenant_pkey" primary key ("id"));`);

    this.addSql(`create table "outbox_message" ("id" varchar(255) not null, "type" varchar(255) not null, "payload" text not null, "occurred_at" timestamptz not null, "published_at" timestamptz null, constraint "outbox_message_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_message_published_at_index" on "outbox_message" ("published_at");`);

    this.addSql(`create table "processed_event" ("id" varchar(255) not null, "type" varchar(255) not null, "processed_at" timestamptz not null, constraint "processed_event_pkey" primary key ("id"));`);

    this.addSql(`create table "app_user" ("id" varchar(255) not null, "tenant_id" varchar(255) not null, "name" varchar(255) not null, "email" varchar(255) not null, "role" text check ("role" in ('OWNER', 'ADMIN', 'SUPERVISOR', 'AGENT')) not null, "created_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`create index "app_user_tenant_id_id_index" on "app_user" ("tenant_id", "id");`);
    this.addSql(`alter table "app_user" add constraint "app_user_tenant_id_email_unique" unique ("tenant_id", "email");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "directory_partner_access" cascade;`);

    this.addSql(`drop table if exists "directory_tenant" cascade;`);

    this.addSql(`drop table if exists "outbox_message" cascade;`);

    this.addSql(`drop table if exists "processed_event" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);
  }

}
