import { Migration } from '@mikro-orm/migrations';

export class Migration20261122062052 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "add_on_enforcement" ("tenant_id" varchar(255) not null, "add_on_key" varchar(255) not null, "enforced_from" timestamptz not null, constraint "add_on_enforcement_pkey" primary key ("tenant_id", "add_on_key"));`);

    this.addSql(`create table "add_on_trial" ("id" varchar(255) not null, "tenant_id" varchar(255) not null, "add_on_key" varchar(255) not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "started_by" varchar(255) not null, constraint "add_on_trial_pkey" primary key ("id"));`);
    this.addSql(`create index "add_on_trial_tenant_id_index" on "add_on_trial" ("tenant_id");`);

    this.addSql(`create table "agent_session" ("id" varchar(255) not null, "tenant_id" varchar(255) not null, "user_id" varchar(255) not null, "started_at_ms" bigint not null, "ended_at_ms" bigint null, "open_key" varchar(255) null, constraint "agent_session_pkey" primary key ("id"));`);
    this.addSql(`alter table "agent_session" add constraint "agent_session_open_key_unique" unique ("open_key");`);
    this.addSql(`create index "agent_session_tenant_id_started_at_ms_index" on "agent_session" ("tenant_id", "started_at_ms");`);

    this.addSql(`create table "assignment" ("id" varchar(255) not null, "tenant_id" varchar(255) not null, "user_id" varchar(255) not null, "add_on_key" varchar(255) not null, "assigned_at" timestamptz not null, "unassigned_at" timestamptz null, "active_key" varchar(255) null, constraint "assignment_pkey" primary key ("id"));`);
    this.addSql(`create index "assignment_user_id_index" on "assignment" ("user_id");`);
    this.addSql(`alter table "assignment" add constraint "assignment_active_key_unique" unique ("active_key");`);
    this.addSql(`create index "assignment_tenant_id_add_on_key_index" on "assignment" ("tenant_id", "add_on_key");`);

    this.addSql(`create table "pool_lock" ("tenant_id" varchar(255) not null, "add_on_key" varchar(255) not null, "seq" int not null default 0, constraint "pool_lock_pkey" primary key ("tenant_id", "add_on_key"));`);

    this.addSql(`create table "pool_purchase" ("id" varchar(255) not null, "tenant_id" varchar(255) not null, "add_on_key" varchar(255) not null, "quantity" int not null, "at" timestamptz not null, "source" text check ("source" in ('AUTO_PURCHASE', 'SELF_SERVICE')) not null, constraint "pool_purchase_pkey" primary key ("id"));`);
    this.addSql(`create index "pool_purchase_tenant_id_add_on_key_at_index" on "pool_purchase" ("tenant_id", "add_on_key", "at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "add_on_enforcement" cascade;`);

    this.addSql(`drop table if exists "add_on_trial" cascade;`);

    this.addSql(`drop table if exists "agent_session" cascade;`);

    this.addSql(`drop table if exists "assignment" cascade;`);

    this.addSql(`drop table if exists "pool_lock" cascade;`);

    this.addSql(`drop table if exists "pool_purchase" cascade;`);
  }

}
