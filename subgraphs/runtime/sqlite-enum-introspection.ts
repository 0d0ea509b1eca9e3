import { BaseSqliteSchemaHelper } from '@mikro-orm/knex';

/**
 * MikroORM 6.6.16 reads back only the first and last values of a SQLite enum CHECK
 * with three or more values, so every schema diff proposes a needless rebuild of each
 * table with such a column (mikro-orm/mikro-orm#8139, merged for 6.x after 6.6.16).
 * Only schema diffing reads enum definitions (the migration generator and the
 * migrations test); the running graph never does. Remove once 6.6.17 is pinned.
 */
export function fixSqliteEnumIntrospection(): void {
  BaseSqliteSchemaHelper.prototype.getEnumDefinitions = async function getEnumDefinitions(connection, _checks, tableName, _schemaName, ctx) {
    const table = await connection.execute<{ sql: string }>(`select sql from sqlite_master where type = ? and name = ?`, ['table', tableName], 'get', ctx);
    const definitions: Record<string, string[]> = {};
    for (const check of table.sql.match(/[`["'][^`\]"']+[`\]"'] text check \(.*?\)/gi) ?? []) {
      const match = /[`["']([^`\]"']+)[`\]"'] text check \(.* \((.*)\)/i.exec(check);
      if (!match) continue;
      definitions[match[1]!] = [...match[2]!.matchAll(/'((?:[^']|'')*)'/g)].map((literal) => literal[1]!.replace(/''/g, "'"));
    }
    return definitions;
  };
}
