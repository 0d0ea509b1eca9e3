import { Migration } from '@mikro-orm/migrations';

/**
 * R35: audit entries keep when they were recorded beside when they took effect; the
 * entries written before keep their effective instant as the recording time.
 */
export class Migration20261202162720 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "audit_entry" add column "recorded_at" timestamptz null;`);
    this.addSql(`update "audit_entry" set "recorded_at" = "at";`);
    this.addSql(`alter table "audit_entry" alter column "recorded_at" set not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "audit_entry" drop column "recorded_at";`);
  }

}
