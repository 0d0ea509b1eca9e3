import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { EntitySchema, MigrationObject, MikroORM } from '@mikro-orm/core';
import type { AbstractSqlDriver, SqlEntityManager } from '@mikro-orm/knex';
import { MikroORM as LibSqlOrm } from '@mikro-orm/libsql';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM as PostgreSqlOrm, PostgreSqlPlatform } from '@mikro-orm/postgresql';

import { BoundedCache } from '../../server/bounded-cache';
import type { Logger } from '../../server/logger';
import type { DatabaseSettings } from '../../server/settings';

/**
 * Where a subgraph keeps its data. SQLite (libsql) is the embedded default, one file
 * per subgraph under `data/`; PostgreSQL puts each subgraph in its own schema.
 */
export type DatabaseTarget =
  | { readonly driver: 'sqlite'; readonly path: string }
  | { readonly driver: 'postgresql'; readonly url: string; readonly schema: string };

export type DriverName = DatabaseTarget['driver'];

/** A subgraph's committed migrations, one list per driver (their SQL differs). */
export type MigrationLists = Readonly<Record<DriverName, readonly MigrationObject[]>>;

/** A subgraph's ORM, whichever SQL driver is under it. */
export type Orm = MikroORM<AbstractSqlDriver, SqlEntityManager>;

/**
 * The database of one subgraph: PostgreSQL with a URL (schema = subgraph name, or
 * `<prefix>_<name>`), otherwise `<data dir>/<name>.sqlite3`.
 */
export function databaseTarget(settings: DatabaseSettings, name: string): DatabaseTarget {
  if (settings.url) return { driver: 'postgresql', url: settings.url, schema: settings.schemaPrefix ? `${settings.schemaPrefix}_${name}` : name };
  return { driver: 'sqlite', path: join(settings.dataDir, `${name}.sqlite3`) };
}

export interface CreateOrmOptions {
  readonly name: string;
  readonly target: DatabaseTarget;
  readonly entities: readonly EntitySchema<any, any>[];
  readonly migrations: MigrationLists;
  /** Logs every SQL statement through this function (tests count them). */
  readonly onQuery?: (sql: string) => void;
  /** Where the ORM's own messages go (the migrations it applies), as JSON lines; else nowhere. */
  readonly log?: Logger;
}

/**
 * Opens a subgraph's database and applies its pending migrations (never
 * `schema:update`). The only file that imports a driver package.
 */
export async function createOrm(options: CreateOrmOptions): Promise<Orm> {
  const orm = await openOrm(options);
  await orm.getMigrator().up();
  return orm;
}

/** Opens the database without migrating (the migration tools use this). */
export async function openOrm(options: CreateOrmOptions, migrationsPath?: string): Promise<Orm> {
  const { name, target, entities, migrations, onQuery, log } = options;
  const common = {
    entities: [...entities],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: onQuery ? ['query' as const] : false,
    colors: false,
    logger: onQuery ?? ((message: string) => log?.info({ orm: name }, message.replace(/\u001b\[[0-9;]*m/g, ''))),
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: [...migrations[target.driver]],
      path: migrationsPath,
      pathTs: migrationsPath,
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      emit: 'ts' as const,
    },
  };
  if (target.driver === 'sqlite') {
    if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
    const orm = (await LibSqlOrm.init({
      ...common,
      dbName: target.path,
      contextName: name,
      pool: {
        afterCreate: (connection: SqliteConnection, done: (error: Error | null, connection: SqliteConnection) => void) => {
          try {
            done(null, keepPreparedStatements(configureSqlite(connection)));
          } catch (error) {
            done(error as Error, connection);
          }
        },
      },
    })) as unknown as Orm;
    if (target.path !== ':memory:') attachSqliteReader(orm, target.path);
    return orm;
  }
  const admin = await PostgreSqlOrm.init({ ...common, entities: [], clientUrl: target.url, contextName: `${name}-admin` });
  await admin.em.getConnection().execute(`create schema if not exists "${target.schema}"`);
  await admin.close(true);
  const orm = await PostgreSqlOrm.init({
    ...common,
    clientUrl: target.url,
    schema: target.schema,
    contextName: name,
    // Committed migrations carry unqualified table names; the search path puts them in this subgraph's schema.
    driverOptions: { searchPath: [target.schema] },
    pool: { min: 0, max: 10 },
  });
  return orm as unknown as Orm;
}

/**
 * A SQLite file's reader: a connection of its own, read-only, with its own statements,
 * that `readRows` uses outside transactions. knex gives SQLite one pooled connection, so
 * every read waited behind any open transaction (a pool change holds one across several
 * awaits) and paid the pool's acquire and release; in WAL mode a second connection reads
 * the last committed state meanwhile, synchronously (bench/README.md has what it
 * bought). Reads inside a transaction stay on its connection, to see its own writes.
 */
export interface SqliteReader {
  all(sql: string, params: readonly unknown[]): Record<string, unknown>[];
}

const readers = new WeakMap<object, SqliteReader>();

/** The reader of the entity manager's SQLite file, if it has one (not in memory, not PostgreSQL). */
export function sqliteReaderOf(em: { config: object }): SqliteReader | undefined {
  return readers.get(em.config);
}

function attachSqliteReader(orm: Orm, path: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require('libsql') as new (path: string) => SqliteConnection & { close(): void };
  const connection = keepPreparedStatements(configureSqlite(new Database(path)));
  connection.exec('pragma query_only = on');
  readers.set(orm.config, {
    all: (sql, params) => (connection.prepare(sql) as { all(params: readonly unknown[]): Record<string, unknown>[] }).all(params),
  });
  const close = orm.close.bind(orm);
  orm.close = async (force?: boolean) => {
    readers.delete(orm.config);
    connection.close();
    return close(force);
  };
}

/** What the SQLite driver hands knex: a libsql database connection. */
interface SqliteConnection {
  prepare(sql: string): unknown;
  exec(sql: string): unknown;
}

/**
 * SQLite as a server's database, for every connection: write-ahead logging (readers
 * and the writer do not block each other, and a commit appends to the log instead of
 * rewriting pages through a rollback journal), `synchronous = NORMAL` (what WAL is made
 * for: a commit is not synced by itself, the log is synced at checkpoints, so an
 * application crash loses nothing and only an OS crash or power cut may lose the last
 * commits; PostgreSQL is the production database), a 5 s wait for a lock another
 * process holds instead of failing at once (tools and benchmarks open the same files),
 * and foreign keys on every connection, not only the first. In-memory databases keep
 * their own journal mode.
 */
function configureSqlite<T extends SqliteConnection>(connection: T): T {
  connection.exec('pragma journal_mode = wal; pragma synchronous = normal; pragma busy_timeout = 5000; pragma foreign_keys = on');
  return connection;
}

/**
 * The knex SQLite dialect prepares every statement anew for every query, and libsql's
 * prepare (parsing, planning) was the largest single item of a one-row read in a CPU
 * profile (bench/README.md). Each connection keeps its last 500 statements with bound
 * values (a `?` in the text) by text: reads bind their values (runtime/read-rows.ts),
 * so their texts repeat. The ORM writes its own values into its texts, which never
 * repeat and would only push the reads' statements out, so those are not kept. Statements
 * run to completion synchronously inside the dialect, so one is never used by two
 * queries at once, and SQLite prepares a statement again by itself when the schema it
 * was prepared against changes.
 */
export function keepPreparedStatements<T extends SqliteConnection>(connection: T): T {
  const prepare = connection.prepare.bind(connection);
  const statements = new BoundedCache<string, unknown>(500);
  connection.prepare = (sql: string) => {
    if (!sql.includes('?')) return prepare(sql);
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return connection;
}

/**
 * SQL that concatenates an expression over the rows of a group, comma-separated:
 * `group_concat` on SQLite, `string_agg` on PostgreSQL. For read paths that must move a
 * million values: one text value crosses the driver instead of a million rows (a driver
 * hands rows over one by one).
 */
export function concatAggregate(em: { getPlatform(): unknown }, expression: string): string {
  return usesPostgreSql(em) ? `string_agg(${expression}, ',')` : `group_concat(${expression}, ',')`;
}

/** Whether the entity manager talks to PostgreSQL (else SQLite). */
export function usesPostgreSql(em: { getPlatform(): unknown }): boolean {
  return em.getPlatform() instanceof PostgreSqlPlatform;
}

/** Whether a database error is a unique-key violation (a racing insert won), on either database. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: string }).name === 'UniqueConstraintViolationException';
}
