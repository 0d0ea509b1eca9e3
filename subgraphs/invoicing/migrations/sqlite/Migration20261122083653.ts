import { Migration } from '@mikro-orm/migrations';

export class Migration20261122083653 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`concurrency_overage\` (\`id\` text not null, \`tenant_id\` text not null, \`usage_type\` text check (\`usage_type\` in ('AGENT_STANDARD', 'AGENT_PREMIUM', 'IVR', 'AI_AGENT', 'AI_ASSISTANT', 'IVR_OUTBOUND_CAMPAIGN', 'WEBEX_CONNECT')) not null, \`from_at\` datetime not null, \`to_at\` datetime not null, \`excess\` integer not null, primary key (\`id\`));`);
    this.addSql(`create index \`concurrency_overage_tenant_id_to_at_index\` on \`concurrency_overage\` (\`tenant_id\`, \`to_at\`);`);
  }

}
