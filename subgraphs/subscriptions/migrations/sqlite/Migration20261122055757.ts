import { Migration } from '@mikro-orm/migrations';

export class Migration20261122055757 extends Migration {

  override async up(): Promise<void> {
    // Data: drops tenant.version, an optimistic-lock counter with no business meaning, replaced by provisioning_seq.
    this.addSql(`create table \`catalog_replica\` (\`kind\` text check (\`kind\` in ('PLAN', 'ADD_ON')) not null, \`key\` text not null, \`document\` text not null, primary key (\`kind\`, \`key\`));`);

    this.addSql(`create table \`subscription\` (\`id\` text not null, \`tenant_id\` text not null, \`name\` text not null, \`department\` text not null, \`plan_key\` text not null, \`licensing_model\` text check (\`licensing_model\` in ('NAMED', 'CONCURRENT')) not null, \`telephony\` text not null, \`offer\` text check (\`offer\` in ('FLEX', 'FLEX_3', 'STANDARD')) not null, \`hybrid\` integer not null, \`billing_interval\` text check (\`billing_interval\` in ('MONTHLY', 'ANNUAL')) not null, \`original_starts_at\` datetime not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`subscription_tenant_id_index\` on \`subscription\` (\`tenant_id\`);`);

    this.addSql(`create table \`subscription_term\` (\`subscription_id\` text not null, \`seq\` integer not null, \`tenant_id\` text not null, \`starts_at\` datetime not null, \`ends_at\` datetime not null, \`items\` json not null, \`add_ons\` json not null, primary key (\`subscription_id\`, \`seq\`));`);
    this.addSql(`create index \`subscription_term_tenant_id_index\` on \`subscription_term\` (\`tenant_id\`);`);

    this.addSql(`create table \`usage_record\` (\`id\` text not null, \`tenant_id\` text not null, \`usage_type\` text check (\`usage_type\` in ('AGENT_STANDARD', 'AGENT_PREMIUM', 'IVR', 'AI_AGENT', 'AI_ASSISTANT', 'IVR_OUTBOUND_CAMPAIGN', 'WEBEX_CONNECT')) not null, \`quantity\` integer not null, \`at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`usage_record_tenant_id_usage_type_at_index\` on \`usage_record\` (\`tenant_id\`, \`usage_type\`, \`at\`);`);

    this.addSql(`alter table \`tenant\` drop column \`version\`;`);

    this.addSql(`alter table \`tenant\` add column \`provisioning_seq\` integer not null default 0;`);
  }

}
