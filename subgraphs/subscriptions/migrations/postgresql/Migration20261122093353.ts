import { Migration } from '@mikro-orm/migrations';

export class Migration20261122093353 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_entry" ("id" varchar(255) not null, "tenant_id" varchar(255) not null, "at" timestamptz not null, "actor" varchar(255) not null, "action" varchar(255) not null, "entity_type" varchar(255) not null, "entity_id" varchar(255) not null, "before" text null, "after" text null, constraint "audit_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_entry_tenant_id_id_index" on "audit_entry" ("tenant_id", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_entry" cascade;`);
  }

}
