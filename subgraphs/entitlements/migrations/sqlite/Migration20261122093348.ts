import { Migration } from '@mikro-orm/migrations';

export class Migration20261122093348 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_entry\` (\`id\` text not null, \`tenant_id\` text not null, \`at\` datetime not null, \`actor\` text not null, \`action\` text not null, \`entity_type\` text not null, \`entity_id\` text not null, \`before\` text null, \`after\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`audit_entry_tenant_id_id_index\` on \`audit_entry\` (\`tenant_id\`, \`id\`);`);
  }

}
