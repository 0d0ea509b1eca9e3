import { Migration } from '@mikro-orm/migrations';

export class Migration20261206113055 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "usage_month_total" ("tenant_id" varchar(255) not null, "usage_type" text check ("usage_type" in ('AGENT_STANDARD', 'AGENT_PREMIUM', 'IVR', 'AI_AGENT', 'AI_ASSISTANT', 'IVR_OUTBOUND_CAMPAIGN', 'WEBEX_CONNECT')) not null, "month" varchar(7) not null, "units" bigint not null default 0, constraint "usage_month_total_pkey" primary key ("tenant_id", "usage_type", "month"));`);
    // The metered (SUM) readings recorded before the totals were kept, counted in.
    this.addSql(`insert into "usage_month_total" ("tenant_id", "usage_type", "month", "units") select "tenant_id", "usage_type", to_char("at" at time zone 'UTC', 'YYYY-MM'), sum("quantity") from "usage_record" where "usage_type" in ('AI_AGENT', 'AI_ASSISTANT', 'IVR_OUTBOUND_CAMPAIGN', 'WEBEX_CONNECT') group by 1, 2, 3;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "usage_month_total" cascade;`);
  }

}
