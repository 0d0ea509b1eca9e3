import { Migration } from '@mikro-orm/migrations';

export class Migration20261122055755 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "catalog_replica" ("kind" text check ("kind" in ('PLAN', 'ADD_ON')) not null, "key" varchar(255) not null, "document" text not null, constraint "catalog_replica_pkey" primary key ("kind", "key"));`);

    this.addSql(`create table "subscription_replica" ("id" varchar(255) not null, "tenant_id" varchar(255) not null, "document" text not null, constraint "subscription_replica_pkey" primary key ("id"));`);
    this.addSql(`create index "subscription_replica_tenant_id_index" on "subscription_replica" ("tenant_id");`);

    this.addSql(`create table "user_subscription_mapping" ("user_id" varchar(255) not null, "from" timestamptz not null, "subscription_id" varchar(255) not null, "tenant_id" varchar(255) not null, constraint "user_subscription_mapping_pkey" primary key ("user_id", "from"));`);
    this.addSql(`create index "user_subscription_mapping_subscription_id_index" on "user_subscription_mapping" ("subscription_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "catalog_replica" cascade;`);

    this.addSql(`drop table if exists "subscription_replica" cascade;`);

    this.addSql(`drop table if exists "user_subscription_mapping" cascade;`);
  }

}
