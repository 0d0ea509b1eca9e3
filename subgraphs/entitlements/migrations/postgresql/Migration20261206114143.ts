import { Migration } from '@mikro-orm/migrations';

export class Migration20261206114143 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "assignment" add column "ending" text check ("ending" in ('UNASSIGNED', 'LICENCES_ENDED', 'RELEASED')) null;`);
    // Assignments freed before the ending was kept were all switched off (R17).
    this.addSql(`update "assignment" set "ending" = 'UNASSIGNED' where "unassigned_at" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "assignment" drop column "ending";`);
  }

}
