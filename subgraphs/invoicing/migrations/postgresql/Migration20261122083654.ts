import { Migration } from '@mikro-orm/migrations';

export class Migration20261122083654 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "concurrency_overage" ("id" varchar(255) not null, "tenant_id" varchar(255) not null, "usage_type" text check ("usage_type" in ('AGENT_STANDARD', 'AGENT_PREMIUM', 'IVR', 'AI_AGENT', 'AI_ASSISTANT', 'IVR_OUTBOUND_CAMPAIGN', 'WEBEX_CONNECT')) not null, "from_at" timestamptz not null, "to_at" timestamptz not null, "excess" int not null, constraint "concurrency_overage_pkey" primary key ("id"));`);
    this.addSql(`create index "concurrency_overage_tenant_id_to_at_index" on "concurrency_overage" ("tenant_id", "to_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "concurrency_overage" cascade;`);
  }

}
