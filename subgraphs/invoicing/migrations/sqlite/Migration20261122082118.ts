import { Migration } from '@mikro-orm/migrations';

export class Migration20261122082118 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`feature_request\` (\`id\` text not null, \`tenant_id\` text not null, \`add_on_key\` text not null, \`status\` text check (\`status\` in ('OPEN', 'FULFILLED')) not null, \`requested_by\` text not null, \`requested_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`feature_request_tenant_id_add_on_key_index\` on \`feature_request\` (\`tenant_id\`, \`add_on_key\`);`);

    this.addSql(`create table \`invoice\` (\`id\` text not null, \`tenant_id\` text not null, \`subscription_id\` text not null, \`kind\` text check (\`kind\` in ('CYCLE', 'PRORATION')) not null, \`issue_key\` text not null, \`period_start\` datetime not null, \`period_end\` datetime not null, \`issued_at\` datetime not null, \`subtotal_minor\` bigint not null, \`currency\` text not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`invoice_issue_key_unique\` on \`invoice\` (\`issue_key\`);`);
    this.addSql(`create index \`invoice_tenant_id_issued_at_index\` on \`invoice\` (\`tenant_id\`, \`issued_at\`);`);
    this.addSql(`create index \`invoice_subscription_id_period_start_index\` on \`invoice\` (\`subscription_id\`, \`period_start\`);`);

    this.addSql(`create table \`invoice_line\` (\`id\` text not null, \`invoice_id\` text not null, \`subscription_id\` text not null, \`position\` integer not null, \`kind\` text check (\`kind\` in ('PLAN_SEATS', 'ADD_ON_LICENSE', 'PRORATION', 'OVERAGE', 'USAGE')) not null, \`description\` text not null, \`quantity\` integer not null, \`unit_amount_minor\` bigint not null, \`amount_minor\` bigint not null, \`currency\` text not null, \`period_start\` datetime not null, \`period_end\` datetime not null, \`usage_type\` text check (\`usage_type\` in ('AGENT_STANDARD', 'AGENT_PREMIUM', 'IVR', 'AI_AGENT', 'AI_ASSISTANT', 'IVR_OUTBOUND_CAMPAIGN', 'WEBEX_CONNECT')) null, \`add_on_key\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`invoice_line_invoice_id_index\` on \`invoice_line\` (\`invoice_id\`);`);
    this.addSql(`create index \`invoice_line_subscription_id_kind_index\` on \`invoice_line\` (\`subscription_id\`, \`kind\`);`);

    this.addSql(`create table \`purchase\` (\`id\` text not null, \`tenant_id\` text not null, \`add_on_key\` text not null, \`quantity\` integer not null, \`unit_amount_minor\` bigint not null, \`currency\` text not null, \`purchased_at\` datetime not null, \`source\` text check (\`source\` in ('SELF_SERVICE', 'AUTO_PURCHASE')) not null, \`subscription_id\` text null, \`actor\` text not null, \`idempotency_key\` text null, \`request_fingerprint\` text null, \`self_service_slot\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`purchase_subscription_id_index\` on \`purchase\` (\`subscription_id\`);`);
    this.addSql(`create unique index \`purchase_self_service_slot_unique\` on \`purchase\` (\`self_service_slot\`);`);
    this.addSql(`create index \`purchase_tenant_id_add_on_key_index\` on \`purchase\` (\`tenant_id\`, \`add_on_key\`);`);
    this.addSql(`create unique index \`purchase_tenant_id_idempotency_key_unique\` on \`purchase\` (\`tenant_id\`, \`idempotency_key\`);`);

    this.addSql(`create table \`quote_request\` (\`id\` text not null, \`tenant_id\` text not null, \`add_on_key\` text not null, \`quantity\` integer not null, \`status\` text check (\`status\` in ('DRAFT', 'SUBMITTED')) not null, \`requested_by\` text not null, \`requested_at\` datetime not null, \`submitted_by\` text null, \`submitted_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`quote_request_tenant_id_index\` on \`quote_request\` (\`tenant_id\`);`);

    this.addSql(`create table \`usage_reading\` (\`id\` text not null, \`tenant_id\` text not null, \`usage_type\` text check (\`usage_type\` in ('AGENT_STANDARD', 'AGENT_PREMIUM', 'IVR', 'AI_AGENT', 'AI_ASSISTANT', 'IVR_OUTBOUND_CAMPAIGN', 'WEBEX_CONNECT')) not null, \`quantity\` integer not null, \`at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`usage_reading_tenant_id_usage_type_at_index\` on \`usage_reading\` (\`tenant_id\`, \`usage_type\`, \`at\`);`);
  }

}
