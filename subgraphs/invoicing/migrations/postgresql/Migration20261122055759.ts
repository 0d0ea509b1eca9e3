import { Migration } from '@mikro-orm/migrations';

export class Migration20261122055759 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "catalog_replica" ("kind" text check ("kind" in ('PLAN', 'ADD_ON')) not null, "key" varchar(255) not null, "document" text not null, constraint "catalog_replica_pkey" primary key ("kind", "key"));`);

    this.addSql(`create table "subscription_replica" ("id" varchar(255) not null, "tenant_id" varchar(255) not null, "document" text not null, constraint "subscription_replica_pkey" primary key ("id"));`);
    this.addSql(`create index "subscription_replica_tenant_id_index" on "subscription_replica" ("tenant_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "catalog_replica" cascade;`);

    this.addSql(`drop table if exists "subscription_replica" cascade;`);
  }

}
