import { Migration } from '@mikro-orm/migrations';

export class Migration20261206121251 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "pool_holding" ("tenant_id" varchar(255) not null, "add_on_key" varchar(255) not null, "holders" int not null, "covered" int not null, "bought" int not null, "seq" bigint not null, constraint "pool_holding_pkey" primary key ("tenant_id", "add_on_key"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "pool_holding" cascade;`);
  }

}
