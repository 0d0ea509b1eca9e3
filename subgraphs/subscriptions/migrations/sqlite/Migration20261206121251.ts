import { Migration } from '@mikro-orm/migrations';

export class Migration20261206121251 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`pool_holding\` (\`tenant_id\` text not null, \`add_on_key\` text not null, \`holders\` integer not null, \`covered\` integer not null, \`bought\` integer not null, \`seq\` bigint not null, primary key (\`tenant_id\`, \`add_on_key\`));`);
  }

}
