import { Migration } from '@mikro-orm/migrations';

export class Migration20261203105917 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "tenant_user_count" ("tenant_id" varchar(255) not null, "users" int not null default 0, constraint "tenant_user_count_pkey" primary key ("tenant_id"));`);
    // Every tenant's users as they are when this runs; from here on createUser keeps the count.
    this.addSql(`insert into tenant_user_count (tenant_id, users) select tenant_id, count(*) from app_user group by tenant_id;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "tenant_user_count" cascade;`);
  }

}
