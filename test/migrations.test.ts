import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import { SUBGRAPH_MODULES } from '../subgraphs/registry';
import { createOrm, openOrm, type DatabaseTarget, type DriverName } from '../subgraphs/runtime/orm';
import { fixSqliteEnumIntrospection } from '../subgraphs/runtime/sqlite-enum-introspection';

const modules = SUBGRAPH_MODULES.map((module) => [module.name, module] as const);
/** The ORM's log (SQL and the migrator's two lines per migration) goes nowhere: CI's output stays readable. */
const quiet = () => undefined;

/**
 * The committed migrations must build what the entities declare, on both drivers,
 * because nothing runs schema:update at start.
 */
describe('migrations', () => {
  beforeAll(fixSqliteEnumIntrospection);

  it.each(modules)('%s on SQLite: the schema diff is empty, and every declared table and column exists', async (_name, module) => {
    const orm = await createOrm({ name: module.name, target: { driver: 'sqlite', path: ':memory:' }, entities: module.entities, migrations: module.migrations, onQuery: quiet });
    try {
      expect(await orm.getMigrator().checkMigrationNeeded()).toBe(false);
      const connection = orm.em.getConnection();
      for (const meta of Object.values(orm.getMetadata().getAll())) {
        if (meta.embeddable || meta.virtual) continue;
        const columns = (await connection.execute<{ name: string }[]>(`pragma table_info(\`${meta.tableName}\`)`)).map((c) => c.name);
        const declared = Object.values(meta.properties).flatMap((prop) => prop.fieldNames ?? []);
        expect([meta.tableName, columns.sort()]).toEqual([meta.tableName, [...new Set(declared)].sort()]);
      }
    } finally {
      await orm.close(true);
    }
  });

  /**
   * R35: the migration that added `recorded_at` keeps every entry written before it,
   * recorded at its effective instant. Applied over a log that has an entry in it.
   */
  async function auditLogSurvivesRecordedAt(driver: DriverName, target: DatabaseTarget): Promise<void> {
    const module = SUBGRAPH_MODULES.find((m) => m.name === 'subscriptions')!;
    const list = module.migrations[driver];
    const added = list.findIndex((m) => m.name === 'Migration20261202162720');
    expect(added).toBeGreaterThan(0);
    const orm = await openOrm({ name: module.name, target, entities: module.entities, migrations: module.migrations, onQuery: quiet });
    try {
      await orm.getMigrator().up({ to: list[added - 1]!.name });
      const connection = orm.em.getConnection();
      const at = new Date('2026-03-01T10:00:00.000Z');
      await connection.execute(
        `insert into audit_entry (id, tenant_id, at, actor, action, entity_type, entity_id, before, after) values ('aud_old', 'ten_old', ?, 'operator-1', 'tenant.created', 'Tenant', 'ten_old', null, null)`,
        [driver === 'sqlite' ? at.getTime() : at],
      );
      await orm.getMigrator().up();
      const [row] = await connection.execute<{ at: unknown; recorded_at: unknown; action: string }[]>(`select at, recorded_at, action from audit_entry where id = 'aud_old'`);
      expect(row?.action).toBe('tenant.created');
      expect(row?.recorded_at).toEqual(row?.at);
      expect(await orm.getMigrator().checkMigrationNeeded()).toBe(false);
    } finally {
      await orm.close(true);
    }
  }

  /**
   * Issue 8: no migration drops data unless it says so. Every committed migration whose
   * `up` drops a table or a column, deletes or truncates rows carries a `// Data:` line
   * that tells a reviewer what becomes of the rows (a rebuild copies them first, a
   * dropped column held nothing of value, ...). `down` is never run by `npm run migrate`.
   */
  it.each(modules)('%s: a migration that drops a table or a column, or deletes rows, says what becomes of the data', (name) => {
    const directory = join(__dirname, '..', 'subgraphs', name, 'migrations');
    const files = readdirSync(directory, { recursive: true, encoding: 'utf8' }).filter((file) => /Migration\d+\.ts$/.test(file));
    expect(files.length).toBeGreaterThan(0);
    const unexplained = files.filter((file) => {
      const source = readFileSync(join(directory, file), 'utf8');
      const up = source.slice(source.indexOf('async up()'), source.includes('async down()') ? source.indexOf('async down()') : undefined);
      return /drop table|drop column|delete from|truncate/i.test(up) && !/^\s*\/\/ Data: \S/m.test(up);
    });
    expect(unexplained).toEqual([]);
  });

  it('npm run migrate applies what a database lacks, says what it applied, and then that it is up to date', () => {
    const directory = mkdtempSync(join(tmpdir(), 'migrate-'));
    const migrate = (...args: string[]) =>
      execFileSync(process.execPath, ['--require', join(__dirname, '..', 'ops', 'register-typescript.cjs'), join(__dirname, '..', 'subgraphs', 'migrate.ts'), ...args], { env: { ...process.env, DATABASE_URL: '', DATA_DIR: directory }, encoding: 'utf8' });
    try {
      expect(migrate('catalog', '--pending')).toMatch(/^catalog \(.*catalog\.sqlite3\): 1 pending: Migration20261122052046$/m);
      const applied = migrate();
      for (const [name, module] of modules) {
        expect(applied).toContain(`${name} (${join(directory, `${name}.sqlite3`)}): applied ${module.migrations.sqlite.map((m) => m.name).join(', ')}`);
      }
      expect(migrate('entitlements').trim()).toBe(`entitlements (${join(directory, 'entitlements.sqlite3')}): up to date, ${modules.find(([n]) => n === 'entitlements')![1].migrations.sqlite.length} migrations applied`);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  /** The users count table starts from the users that exist when it is added. */
  async function userCountsBackfilled(driver: DriverName, target: DatabaseTarget): Promise<void> {
    const module = SUBGRAPH_MODULES.find((m) => m.name === 'entitlements')!;
    const list = module.migrations[driver];
    const added = list.findIndex((m) => m.name === 'Migration20261203105917');
    expect(added).toBeGreaterThan(0);
    const orm = await openOrm({ name: module.name, target, entities: module.entities, migrations: module.migrations, onQuery: quiet });
    try {
      await orm.getMigrator().up({ to: list[added - 1]!.name });
      const connection = orm.em.getConnection();
      const at = driver === 'sqlite' ? Date.parse('2026-03-01T10:00:00Z') : new Date('2026-03-01T10:00:00Z');
      for (const [id, tenant] of [['usr_1', 'ten_a'], ['usr_2', 'ten_a'], ['usr_3', 'ten_a'], ['usr_4', 'ten_b']]) {
        await connection.execute(`insert into app_user (id, tenant_id, name, email, role, created_at) values (?, ?, 'U', ?, 'AGENT', ?)`, [id, tenant, `${id}@x`, at]);
      }
      await orm.getMigrator().up();
      const rows = await connection.execute<{ tenant_id: string; users: number | string }[]>(`select tenant_id, users from tenant_user_count order by tenant_id`);
      expect(rows.map((r) => [r.tenant_id, Number(r.users)])).toEqual([['ten_a', 3], ['ten_b', 1]]);
    } finally {
      await orm.close(true);
    }
  }

  it('on SQLite: the users count starts from the users there are', async () => {
    await userCountsBackfilled('sqlite', { driver: 'sqlite', path: ':memory:' });
  });

  it('R35 on SQLite: adding recorded_at keeps the audit entries written before, recorded at their effective instant', async () => {
    await auditLogSurvivesRecordedAt('sqlite', { driver: 'sqlite', path: ':memory:' });
  });

  // The PostgreSQL pass (`npm run test:pg`, in .ci/run) sets DATABASE_URL; the embedded pass has no server to diff against.
  if (!process.env.DATABASE_URL) return;

  /** A scratch database of its own: the schema diff then sees no other suite's schemas, created or dropped meanwhile. */
  async function inScratchDatabase(name: string, run: (url: string) => Promise<void>): Promise<void> {
    const base = process.env.DATABASE_URL!;
    const database = `${name}_${process.pid}`;
    const admin = new Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database "${database}"`);
    try {
      const url = new URL(base);
      url.pathname = `/${database}`;
      await run(url.toString());
    } finally {
      await admin.query(`drop database if exists "${database}" with (force)`);
      await admin.end();
    }
  }

  it('R35 on PostgreSQL: adding recorded_at keeps the audit entries written before, recorded at their effective instant', async () => {
    await inScratchDatabase('migration_audit', (url) => auditLogSurvivesRecordedAt('postgresql', { driver: 'postgresql', url, schema: 'public' }));
  });

  it('on PostgreSQL: the users count starts from the users there are', async () => {
    await inScratchDatabase('migration_user_count', (url) => userCountsBackfilled('postgresql', { driver: 'postgresql', url, schema: 'public' }));
  });

  it.each(modules)('%s on PostgreSQL: the schema diff between entities and committed migrations is empty', async (name, module) => {
    await inScratchDatabase(`migration_check_${name}`, async (url) => {
      const target: DatabaseTarget = { driver: 'postgresql', url, schema: 'public' };
      const orm = await createOrm({ name: module.name, target, entities: module.entities, migrations: module.migrations, onQuery: quiet });
      try {
        expect(await orm.getMigrator().checkMigrationNeeded()).toBe(false);
      } finally {
        await orm.close(true);
      }
    });
  });
});
