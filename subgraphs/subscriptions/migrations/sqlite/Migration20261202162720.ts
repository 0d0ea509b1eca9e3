import { Migration } from '@mikro-orm/migrations';

/**
 * R35: audit entries keep when they were recorded beside when they took effect. SQLite
 * cannot add a NOT NULL column without a default, so the table is rebuilt; the entries
 * written before keep their effective instant as the recording time.
 */
export class Migration20261202162720 extends Migration {

  override async up(): Promise<void> {
    // Data: audit_entry is rebuilt; every row is copied into audit_entry_next before the old table is dropped.
    this.addSql(`create table \`audit_entry_next\` (\`id\` text not null, \`tenant_id\` text not null, \`at\` datetime not null, \`recorded_at\` datetime not null, \`actor\` text not null, \`action\` text not null, \`entity_type\` text not null, \`entity_id\` text not null, \`before\` text null, \`after\` text null, primary key (\`id\`));`);
    this.addSql(`insert into \`audit_entry_next\` (\`id\`, \`tenant_id\`, \`at\`, \`recorded_at\`, \`actor\`, \`action\`, \`entity_type\`, \`entity_id\`, \`before\`, \`after\`) select \`id\`, \`tenant_id\`, \`at\`, \`at\`, \`actor\`, \`action\`, \`entity_type\`, \`entity_id\`, \`before\`, \`after\` from \`audit_entry\`;`);
    this.addSql(`drop table \`audit_entry\`;`);
    this.addSql(`alter table \`audit_entry_next\` rename to \`audit_entry\`;`);
    this.addSql(`create index \`audit_entry_tenant_id_id_index\` on \`audit_entry\` (\`tenant_id\`, \`id\`);`);
  }

}
