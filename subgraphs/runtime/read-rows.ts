import { createHash } from 'node:crypto';

import type { EntityManager, EntityMetadata, EntityName, EntityProperty } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

import { BoundedCache } from '../../server/bounded-cache';
import { sqliteReaderOf, usesPostgreSql } from './orm';
import { booleanOf, instantOf } from './plain-rows';

/** A value a column is compared with. */
export type ColumnValue = string | number | boolean | Date;

/** What a column may be asked: equal to a value, null, one of a list, or a range. */
export type ColumnCondition<V> =
  | V
  | null
  | readonly V[]
  | { readonly $in?: readonly V[]; readonly $gt?: V; readonly $gte?: V; readonly $lt?: V; readonly $lte?: V; readonly $ne?: null };

/** Conditions on columns, all of which hold; `$or`: at least one of the groups holds too. */
export type RowFilter<T> = { readonly [K in keyof T]?: ColumnCondition<NonNullable<T[K]> & ColumnValue> } & {
  readonly $or?: readonly RowFilter<T>[];
};

export interface ReadRowsOptions<T> {
  readonly orderBy?: { readonly [K in keyof T]?: 'asc' | 'desc' };
  readonly limit?: number;
}

/**
 * Reads rows of an entity's table as plain objects with its property names and types,
 * without the ORM's query building, hydration, identity map or change tracking: the
 * read paths every request takes (tenant scoping, replicas, loaders by key), where
 * `em.find` cost several times more CPU for a one-row answer (bench/README.md). The SQL
 * text depends only on the shape of the filter (which columns, which operators; on
 * SQLite also how many values in a list, which PostgreSQL binds as one array) and its
 * values are bound: the same text for every request, so the drivers' statement caches apply (SQLite's in
 * runtime/orm.ts, PostgreSQL's named statements below). It runs in the entity
 * manager's transaction when there is one, and is logged as the ORM logs its queries.
 * Writes stay with the ORM.
 */
export async function readRows<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  filter: RowFilter<T>,
  options: ReadRowsOptions<T> = {},
): Promise<T[]> {
  const table = tableOf(em, entity);
  if (emptyList(filter)) return [];
  const params: unknown[] = [];
  const where = compileFilter(table, filter, params, em);
  let sql = `select ${table.selectList} from ${table.name}${where ? ` where ${where}` : ''}`;
  const orderBy = Object.entries(options.orderBy ?? {}) as [string, 'asc' | 'desc'][];
  if (orderBy.length > 0) sql += ` order by ${orderBy.map(([name, direction]) => `${table.column(name).quoted} ${direction === 'desc' ? 'desc' : 'asc'}`).join(', ')}`;
  if (options.limit !== undefined) {
    sql += ' limit ?';
    params.push(options.limit);
  }
  const rows = await run(em, sql, params);
  return rows.map((row) => table.fromRow(row) as T);
}

/** The number of rows of an entity's table that match the filter. */
export async function countRows<T extends object>(em: EntityManager, entity: EntityName<T>, filter: RowFilter<T>): Promise<number> {
  const table = tableOf(em, entity);
  if (emptyList(filter)) return 0;
  const params: unknown[] = [];
  const where = compileFilter(table, filter, params, em);
  const [row] = await run(em, `select count(*) as "count" from ${table.name}${where ? ` where ${where}` : ''}`, params);
  return Number(row?.count ?? 0);
}

interface Column {
  readonly property: string;
  readonly quoted: string;
  readonly read: (value: unknown) => unknown;
}

interface Table {
  readonly name: string;
  readonly selectList: string;
  column(property: string): Column;
  fromRow(row: Record<string, unknown>): Record<string, unknown>;
}

const tables = new WeakMap<EntityMetadata, Table>();

function tableOf<T extends object>(em: EntityManager, entity: EntityName<T>): Table {
  const meta = em.getMetadata().get<T>(entity) as unknown as EntityMetadata;
  let table = tables.get(meta);
  if (!table) {
    table = describeTable(meta);
    tables.set(meta, table);
  }
  return table;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

function describeTable(meta: EntityMetadata): Table {
  const columns = new Map<string, Column>();
  for (const prop of Object.values(meta.properties) as EntityProperty[]) {
    if (prop.persist === false || !prop.fieldNames || prop.fieldNames.length !== 1) continue;
    columns.set(prop.name, { property: prop.name, quoted: quote(prop.fieldNames[0]!), read: readerOf(prop) });
  }
  const list = [...columns.values()];
  // Aliased to the property names, so a row is read by name on either driver.
  const selectList = list.map((c) => `${c.quoted} as ${quote(c.property)}`).join(', ');
  return {
    name: quote(meta.tableName),
    selectList,
    column(property) {
      const column = columns.get(property);
      if (!column) throw new Error(`${meta.className} has no column property ${property}`);
      return column;
    },
    fromRow(row) {
      const out: Record<string, unknown> = {};
      for (const column of list) {
        const value = row[column.property];
        out[column.property] = value === null || value === undefined ? null : column.read(value);
      }
      return out;
    },
  };
}

/** Drivers differ in what they hand back (SQLite: epoch ms and 0/1; PostgreSQL: Dates, booleans, int8 as text). */
function readerOf(prop: EntityProperty): (value: unknown) => unknown {
  switch (prop.runtimeType) {
    case 'Date':
      return instantOf;
    case 'boolean':
      return booleanOf;
    case 'number':
      return Number;
    default:
      return (value) => value;
  }
}

function emptyList(filter: RowFilter<object>): boolean {
  return Object.entries(filter).some(
    ([key, condition]) => key !== '$or' && ((Array.isArray(condition) && condition.length === 0) || (isOperators(condition) && condition.$in?.length === 0)),
  );
}

function isOperators(condition: unknown): condition is { $in?: readonly unknown[]; $gt?: unknown; $gte?: unknown; $lt?: unknown; $lte?: unknown; $ne?: null } {
  return typeof condition === 'object' && condition !== null && !Array.isArray(condition) && !(condition instanceof Date);
}

const COMPARISONS = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const;

function compileFilter(table: Table, filter: RowFilter<object>, params: unknown[], em: EntityManager): string {
  const bind = (value: unknown) => {
    params.push(toParameter(em, value));
    return '?';
  };
  // One value is an equality (loaders by key mostly ask for one). PostgreSQL takes a
  // longer list as one array value: the same text (and named statement) for every
  // length, where `in (?, ?, ...)` made each length a text of its own, planned anew.
  const postgres = usesPostgreSql(em);
  const oneOf = (column: string, values: readonly unknown[]) => {
    if (values.length === 1) return `${column} = ${bind(values[0])}`;
    if (!postgres) return `${column} in (${values.map(bind).join(', ')})`;
    params.push(values.map((value) => toParameter(em, value)));
    return `${column} = any(?)`;
  };
  const parts: string[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    if (condition === undefined) continue;
    if (key === '$or') {
      const groups = (condition as RowFilter<object>[]).map((group) => compileFilter(table, group, params, em)).filter(Boolean);
      if (groups.length > 0) parts.push(`(${groups.map((g) => `(${g})`).join(' or ')})`);
      continue;
    }
    const column = table.column(key).quoted;
    if (condition === null) parts.push(`${column} is null`);
    else if (Array.isArray(condition)) parts.push(oneOf(column, condition));
    else if (isOperators(condition)) {
      for (const [operator, value] of Object.entries(condition)) {
        if (value === undefined) continue;
        if (operator === '$in') parts.push(oneOf(column, value as unknown[]));
        else if (operator === '$ne' && value === null) parts.push(`${column} is not null`);
        else if (operator in COMPARISONS) parts.push(`${column} ${COMPARISONS[operator as keyof typeof COMPARISONS]} ${bind(value)}`);
        else throw new Error(`readRows does not know the operator ${operator}`);
      }
    } else parts.push(`${column} = ${bind(condition)}`);
  }
  return parts.join(' and ');
}

/** A value as the driver stores it: instants as the platform stores dates (epoch ms on SQLite), booleans as 0/1 there. */
function toParameter(em: EntityManager, value: unknown): unknown {
  if (value instanceof Date) return em.getPlatform().processDateProperty(value);
  if (typeof value === 'boolean') return usesPostgreSql(em) ? value : value ? 1 : 0;
  return value;
}

/**
 * Rows of a read readRows cannot express (a join), by SQL that both drivers run as
 * written, with `?` for each bound value; the same statement caches, transaction and
 * log as readRows. Column values come as the driver hands them (see plain-rows.ts).
 */
export function readSql(em: EntityManager, sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]> {
  return run(em, sql, params.map((value) => toParameter(em, value)));
}

async function run(em: EntityManager, sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  // Every subgraph's ORM runs a SQL driver (runtime/orm.ts).
  const sqlEm = em as SqlEntityManager;
  const transaction = sqlEm.getTransactionContext();
  // Outside a transaction a SQLite file is read on its reader connection: no pool, no waiting behind a writer.
  const reader = transaction ? undefined : sqliteReaderOf(em);
  if (reader) {
    const started = Date.now();
    const rows = reader.all(sql, params);
    em.config.getLogger().logQuery({ query: sql, took: Date.now() - started, results: rows.length, level: 'info' });
    return rows;
  }
  const started = Date.now();
  let rows: Record<string, unknown>[];
  if (usesPostgreSql(em) && !transaction) {
    rows = await onPooledConnection(sqlEm, sql, params);
  } else {
    // In a transaction: on its connection, to see its own writes (SQLite: knex's one connection).
    const query = (transaction ?? sqlEm.getConnection().getKnex()).raw(sql, params as never[]);
    const name = usesPostgreSql(em) ? preparedStatementName(sql, params.length) : null;
    if (name) query.options({ name });
    const result = (await query) as unknown;
    rows = (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
  }
  em.config.getLogger().logQuery({ query: sql, took: Date.now() - started, results: rows.length, level: 'info' });
  return rows;
}

/** What readRows needs of knex's PostgreSQL client: its pool, and node-postgres clients from it. */
interface PooledPgClient {
  acquireConnection(): Promise<{ query(config: { text: string; values: unknown[]; name?: string }): Promise<{ rows: Record<string, unknown>[] }> }>;
  releaseConnection(connection: unknown): Promise<void>;
}

/**
 * A PostgreSQL read outside a transaction, on a connection of the ORM's own pool (same
 * search path, same type parsers) but without knex's query builder and runner: knex.raw
 * rewrote the placeholders, cloned options and ran its runner's events on every read
 * (with tarn, a visible share of the subgraphs' CPU: bench/README.md). Texts of
 * up to ten bound values (a list counts as one) go as named statements.
 */
async function onPooledConnection(em: SqlEntityManager, sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const client = em.getConnection().getKnex().client as unknown as PooledPgClient;
  const name = preparedStatementName(sql, params.length);
  const connection = await client.acquireConnection();
  try {
    const result = await connection.query({ text: numberedPlaceholders(sql), values: params, ...(name ? { name } : {}) });
    return result.rows;
  } finally {
    await client.releaseConnection(connection);
  }
}

const numberedTexts = new BoundedCache<string, string>(2_000);

/** `?` → `$1`, `$2`, ... as PostgreSQL numbers values (the texts here hold no `?` of their own). */
function numberedPlaceholders(sql: string): string {
  let text = numberedTexts.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    numberedTexts.set(sql, text);
  }
  return text;
}

/** Texts with more values than this (long `in` lists) are not prepared by name: each arity would be another statement. */
const MAX_NAMED_PARAMETERS = 10;
const statementNames = new BoundedCache<string, string>(2_000);

/**
 * PostgreSQL plans an unnamed statement anew on every execution; a named one is parsed
 * and planned once per connection (node-postgres keeps the names it prepared). Reads
 * bind their values, so their texts repeat: naming them lowers PostgreSQL's CPU per
 * request (bench/README.md). readRows binds a list as one value; texts
 * given to readSql with more than ten values are not named, which bounds how many
 * statements each connection keeps.
 */
function preparedStatementName(sql: string, parameters: number): string | null {
  if (parameters > MAX_NAMED_PARAMETERS) return null;
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `rr_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}
