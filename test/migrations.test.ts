import { Client } from 'pg';

import { SUBGRAPH_MODULES } from '../subgraphs/registry';
import { createOrm, type DatabaseTarget } from '../subgraphs/runtime/orm';
import { fixSqliteEnumIntrospection } from '../subgraphs/runtime/sqlite-enum-introspection';

const modules = SUBGRAPH_MODULES.map((module) => [module.name, module] as const);

/**
 * The committed migrations must build what the entities declare, on both drivers,
 * because nothing runs schema:update at start.
 */
describe('migrations', () => {
  beforeAll(fixSqliteEnumIntrospection);

  it.each(modules)('%s on SQLite: the schema diff is empty, and every declared table and column exists', async (_name, module) => {
    const orm = await createOrm({ name: module.name, target: { driver: 'sqlite', path: ':memory:' }, entities: module.entities, migrations: module.migrations });
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

  // The PostgreSQL pass (`npm run test:pg`, in .ci/run) sets DATABASE_URL; the embedded pass has no server to diff against.
  if (!process.env.DATABASE_URL) return;
  it.each(modules)('%s on PostgreSQL: the schema diff between entities and committed migrations is empty', async (name, module) => {
    const base = process.env.DATABASE_URL!;
    const database = `migration_check_${name}_${process.pid}`;
    const admin = new Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database "${database}"`);
    try {
      const url = new URL(base);
      url.pathname = `/${database}`;
      const target: DatabaseTarget = { driver: 'postgresql', url: url.toString(), schema: 'public' };
      const orm = await createOrm({ name: module.name, target, entities: module.entities, migrations: module.migrations });
      try {
        expect(await orm.getMigrator().checkMigrationNeeded()).toBe(false);
      } finally {
        await orm.close(true);
      }
    } finally {
      await admin.query(`drop database if exists "${database}" with (force)`);
      await admin.end();
    }
  });
});
