import { Migration } from '@mikro-orm/migrations';

export class Migration20261206113055 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`usage_month_total\` (\`tenant_id\` text not null, \`usage_type\` text check (\`usage_type\` in ('AGENT_STANDARD', 'AGENT_PREMIUM', 'IVR', 'AI_AGENT', 'AI_ASSISTANT', 'IVR_OUTBOUND_CAMPAIGN', 'WEBEX_CONNECT')) not null, \`month\` text not null, \`units\` bigint not null default 0, primary key (\`tenant_id\`, \`usage_type\`, \`month\`));`);
    // The metered (SUM) readings recorded before the totals were kept, counted in (at is epoch milliseconds).
    this.addSql(`insert into \`usage_month_total\` (\`tenant_id\`, \`usage_type\`, \`month\`, \`units\`) select \`tenant_id\`, \`usage_type\`, strftime('%Y-%m', \`at\` / 1000, 'unixepoch'), sum(\`quantity\`) from \`usage_record\` where \`usage_type\` in ('AI_AGENT', 'AI_ASSISTANT', 'IVR_OUTBOUND_CAMPAIGN', 'WEBEX_CONNECT') group by 1, 2, 3;`);
  }

}
