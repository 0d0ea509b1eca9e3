/**
 * `npm run migrate [-- <subgraph|all>] [--pending]`: applies the committed migrations a
 * subgraph's database has not had yet (DATABASE_URL: its PostgreSQL schema; otherwise its
 * SQLite file under DATA_DIR) and prints what it did. `--pending` only lists them. Every
 * process also applies them at start; this is for operators who migrate before a
 * rollout. Only `up` runs: a migration that drops data says so in a `// Data:` line,
 * and a test keeps it that way.
 */
import { SUBGRAPH_NAMES } from '../schema/sdl';
import { SUBGRAPH_MODULES } from './registry';
import { databaseTarget, openOrm } from './runtime/orm';
import { runMain } from '../server/process-lifecycle';
import { ConfigError, readDatabaseSettings, type DatabaseSettings, type Environment } from '../server/settings';

/** The settings `npm run migrate` reads: where the databases are. */
export function loadMigrationSettings(env: Environment = process.env): DatabaseSettings {
  return readDatabaseSettings(env, env.NODE_ENV === 'production');
}

async function main(args: readonly string[]): Promise<void> {
  const wanted = args.find((a) => !a.startsWith('--')) ?? 'all';
  const onlyList = args.includes('--pending');
  const modules = SUBGRAPH_MODULES.filter((m) => wanted === 'all' || m.name === wanted);
  if (modules.length === 0) throw new ConfigError(`unknown subgraph "${wanted}": one of ${SUBGRAPH_NAMES.join(', ')}, or all`);
  const settings = loadMigrationSettings();
  for (const module of modules) {
    const target = databaseTarget(settings, module.name);
    const where = target.driver === 'postgresql' ? `schema ${target.schema}` : target.path;
    const orm = await openOrm({ name: module.name, target, entities: module.entities, migrations: module.migrations, onQuery: () => undefined });
    try {
      const migrator = orm.getMigrator();
      const pending = (await migrator.getPendingMigrations()).map((m) => m.name);
      if (pending.length === 0) {
        console.log(`${module.name} (${where}): up to date, ${(await migrator.getExecutedMigrations()).length} migrations applied`);
        continue;
      }
      if (onlyList) {
        console.log(`${module.name} (${where}): ${pending.length} pending: ${pending.join(', ')}`);
        continue;
      }
      const applied = await migrator.up();
      console.log(`${module.name} (${where}): applied ${applied.map((m) => m.name).join(', ')}`);
    } finally {
      await orm.close(true);
    }
  }
}

if (require.main === module) runMain(() => main(process.argv.slice(2)));
