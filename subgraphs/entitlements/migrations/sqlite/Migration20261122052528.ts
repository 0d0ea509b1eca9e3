import { Migration } from '@mikro-orm/migrations';

export class Migration20261122052528 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`directory_partner_access\` (\`tenant_id\` text not null, \`partner_id\` text not null, \`access\` text check (\`access\` in ('READ_ONLY', 'FULL')) not null, primary key (\`tenant_id\`, \`partner_id\`));`);

    this.addSql(`create table \`directory_tenant\` (\`id\` text not null, \`name\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);

    this.addSql(`create table \`outbox_message\` (\`id\` text not null, \`type\` text not null, \`payload\` text not null, \`occurred_at\` datetime not null, \`published_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`outbox_message_published_at_index\` on \`outbox_message\` (\`published_at\`);`);

    this.addSql(`create table \`processed_event\` (\`id\` text not null, \`type\` text not null, \`processed_at\` datetime not null, primary key (\`id\`));`);

    this.addSql(`create table \`app_user\` (\`id\` text not null, \`tenant_id\` text not null, \`name\` text not null, \`email\` text not null, \`role\` text check (\`role\` in ('OWNER', 'ADMIN', 'SUPERVISOR', 'AGENT')) not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`app_user_tenant_id_id_index\` on \`app_user\` (\`tenant_id\`, \`id\`);`);
    this.addSql(`create unique index \`app_user_tenant_id_email_unique\` on \`app_user\` (\`tenant_id\`, \`email\`);`);
  }

}
