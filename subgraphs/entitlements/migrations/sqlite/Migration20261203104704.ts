import { Migration } from '@mikro-orm/migrations';

export class Migration20261203104704 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index \`assignment_tenant_id_add_on_key_index\`;`);

    this.addSql(`create index \`assignment_tenant_id_add_on_key_unassigned_at_assigned_at_index\` on \`assignment\` (\`tenant_id\`, \`add_on_key\`, \`unassigned_at\`, \`assigned_at\`);`);
  }

}
