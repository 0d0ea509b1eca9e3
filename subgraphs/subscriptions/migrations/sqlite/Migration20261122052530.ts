import { Migration } from '@mikro-orm/migrations';

export class Migration20261122052530 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`outbox_message\` (\`id\` text not null, \`type\` text not null, \`payload\` text not null, \`occurred_at\` datetime not null, \`published_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`outbox_message_published_at_index\` on \`outbox_message\` (\`published_at\`);`);

    this.addSql(`create table \`partner\` (\`id\` text not null, \`name\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);

    this.addSql(`create table \`processed_event\` (\`id\` text not null, \`type\` text not null, \`processed_at\` datetime not null, primary key (\`id\`));`);

    this.addSql(`create table \`tenant\` (\`id\` text not null, \`name\` text not null, \`licensing_model\` text check (\`licensing_model\` in ('NAMED', 'CONCURRENT')) null, \`telephony\` text null, \`created_at\` datetime not null, \`version\` integer not null default 1, primary key (\`id\`));`);

    this.addSql(`create table \`tenant_partner\` (\`tenant_id\` text not null, \`partner_id\` text not null, \`access\` text check (\`access\` in ('READ_ONLY', 'FULL')) not null, \`managing\` integer not null, \`since\` datetime not null, primary key (\`tenant_id\`, \`partner_id\`));`);
    this.addSql(`create index \`tenant_partner_partner_id_index\` on \`tenant_partner\` (\`partner_id\`);`);
  }

}
