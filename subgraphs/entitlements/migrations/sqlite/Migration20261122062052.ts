import { Migration } from '@mikro-orm/migrations';

export class Migration20261122062052 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`add_on_enforcement\` (\`tenant_id\` text not null, \`add_on_key\` text not null, \`enforced_from\` datetime not null, primary key (\`tenant_id\`, \`add_on_key\`));`);

    this.addSql(`create table \`add_on_trial\` (\`id\` text not null, \`tenant_id\` text not null, \`add_on_key\` text not null, \`starts_at\` datetime not null, \`ends_at\` datetime not null, \`started_by\` text not null, primary key (\`id\`));`);
    this.addSql(`create index \`add_on_trial_tenant_id_index\` on \`add_on_trial\` (\`tenant_id\`);`);

    this.addSql(`create table \`agent_session\` (\`id\` text not null, \`tenant_id\` text not null, \`user_id\` text not null, \`started_at_ms\` bigint not null, \`ended_at_ms\` bigint null, \`open_key\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`agent_session_open_key_unique\` on \`agent_session\` (\`open_key\`);`);
    this.addSql(`create index \`agent_session_tenant_id_started_at_ms_index\` on \`agent_session\` (\`tenant_id\`, \`started_at_ms\`);`);

    this.addSql(`create table \`assignment\` (\`id\` text not null, \`tenant_id\` text not null, \`user_id\` text not null, \`add_on_key\` text not null, \`assigned_at\` datetime not null, \`unassigned_at\` datetime null, \`active_key\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`assignment_user_id_index\` on \`assignment\` (\`user_id\`);`);
    this.addSql(`create unique index \`assignment_active_key_unique\` on \`assignment\` (\`active_key\`);`);
    this.addSql(`create index \`assignment_tenant_id_add_on_key_index\` on \`assignment\` (\`tenant_id\`, \`add_on_key\`);`);

    this.addSql(`create table \`pool_lock\` (\`tenant_id\` text not null, \`add_on_key\` text not null, \`seq\` integer not null default 0, primary key (\`tenant_id\`, \`add_on_key\`));`);

    this.addSql(`create table \`pool_purchase\` (\`id\` text not null, \`tenant_id\` text not null, \`add_on_key\` text not null, \`quantity\` integer not null, \`at\` datetime not null, \`source\` text check (\`source\` in ('AUTO_PURCHASE', 'SELF_SERVICE')) not null, primary key (\`id\`));`);
    this.addSql(`create index \`pool_purchase_tenant_id_add_on_key_at_index\` on \`pool_purchase\` (\`tenant_id\`, \`add_on_key\`, \`at\`);`);
  }

}
