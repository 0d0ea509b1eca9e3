import { Migration } from '@mikro-orm/migrations';

export class Migration20261122055759 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`catalog_replica\` (\`kind\` text check (\`kind\` in ('PLAN', 'ADD_ON')) not null, \`key\` text not null, \`document\` text not null, primary key (\`kind\`, \`key\`));`);

    this.addSql(`create table \`subscription_replica\` (\`id\` text not null, \`tenant_id\` text not null, \`document\` text not null, primary key (\`id\`));`);
    this.addSql(`create index \`subscription_replica_tenant_id_index\` on \`subscription_replica\` (\`tenant_id\`);`);
  }

}
