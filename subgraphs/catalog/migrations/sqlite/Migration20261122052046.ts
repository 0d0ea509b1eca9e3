import { Migration } from '@mikro-orm/migrations';

export class Migration20261122052046 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`add_on\` (\`key\` text not null, \`name\` text not null, \`product_line\` text check (\`product_line\` in ('ZOOM_CONTACT_CENTER', 'AIRCALL', 'WEBEX_CONTACT_CENTER')) not null, \`type\` text check (\`type\` in ('PROVISIONED', 'ACCOUNT_LEVEL', 'OTHER')) not null, \`seat_model\` text check (\`seat_model\` in ('PER_SEAT', 'ACCOUNT_WIDE')) not null, \`usage_type\` text check (\`usage_type\` in ('AGENT_STANDARD', 'AGENT_PREMIUM', 'IVR', 'AI_AGENT', 'AI_ASSISTANT', 'IVR_OUTBOUND_CAMPAIGN', 'WEBEX_CONNECT')) null, \`exhaustion_policy\` text check (\`exhaustion_policy\` in ('AUTO_PURCHASE', 'HARD_CAP')) not null, \`unit_price_minor\` integer not null, \`currency\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`key\`));`);
    this.addSql(`create index \`add_on_product_line_index\` on \`add_on\` (\`product_line\`);`);

    this.addSql(`create table \`feature\` (\`key\` text not null, \`name\` text not null, \`product_line\` text check (\`product_line\` in ('ZOOM_CONTACT_CENTER', 'AIRCALL', 'WEBEX_CONTACT_CENTER')) not null, \`add_on_key\` text null, \`position\` integer not null, primary key (\`key\`));`);
    this.addSql(`create index \`feature_product_line_index\` on \`feature\` (\`product_line\`);`);

    this.addSql(`create table \`outbox_message\` (\`id\` text not null, \`type\` text not null, \`payload\` text not null, \`occurred_at\` datetime not null, \`published_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`outbox_message_published_at_index\` on \`outbox_message\` (\`published_at\`);`);

    this.addSql(`create table \`plan\` (\`key\` text not null, \`name\` text not null, \`product_line\` text check (\`product_line\` in ('ZOOM_CONTACT_CENTER', 'AIRCALL', 'WEBEX_CONTACT_CENTER')) not null, \`seat_usage_type\` text check (\`seat_usage_type\` in ('AGENT_STANDARD', 'AGENT_PREMIUM', 'IVR', 'AI_AGENT', 'AI_ASSISTANT', 'IVR_OUTBOUND_CAMPAIGN', 'WEBEX_CONNECT')) not null, \`seat_price_minor\` integer not null, \`currency\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`key\`));`);
    this.addSql(`create index \`plan_product_line_index\` on \`plan\` (\`product_line\`);`);

    this.addSql(`create table \`plan_feature\` (\`plan_key\` text not null, \`feature_key\` text not null, \`availability\` text check (\`availability\` in ('INCLUDED', 'ADD_ON', 'UNAVAILABLE')) not null, \`position\` integer not null, primary key (\`plan_key\`, \`feature_key\`));`);

    this.addSql(`create table \`processed_event\` (\`id\` text not null, \`type\` text not null, \`processed_at\` datetime not null, primary key (\`id\`));`);
  }

}
