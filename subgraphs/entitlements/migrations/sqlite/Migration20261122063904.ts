import { Migration } from '@mikro-orm/migrations';

export class Migration20261122063904 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index \`agent_session_tenant_id_started_at_ms_index\`;`);

    this.addSql(`create index \`agent_session_tenant_id_started_at_ms_ended_at_ms_index\` on \`agent_session\` (\`tenant_id\`, \`started_at_ms\`, \`ended_at_ms\`);`);
  }

}
