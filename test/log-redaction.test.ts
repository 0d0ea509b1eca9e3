import { Writable } from 'node:stream';

import { User } from '../subgraphs/entitlements/entities/user.entity';
import { SUBGRAPH_MODULES } from '../subgraphs/registry';
import { createLogger } from '../server/logger';
import { createOrm, type DatabaseTarget, type Orm } from '../subgraphs/runtime/orm';
import { dropTestSchemas, whileNoSchemaIsDropped } from './support/test-schemas';

/**
 * Issue 16, hardening item 9: a database error's log line says where and why it failed,
 * never the values of the statement (MikroORM writes them into the SQL text, and
 * PostgreSQL's `detail` repeats a conflicting row), on the database the suite runs on.
 */
describe('database errors in the log', () => {
  const databaseUrl = process.env.DATABASE_URL?.trim();
  const schema = `lr${process.pid}_${Date.now().toString(36)}_entitlements`;
  let orm: Orm;

  beforeAll(async () => {
    const module = SUBGRAPH_MODULES.find((m) => m.name === 'entitlements')!;
    const target: DatabaseTarget = databaseUrl ? { driver: 'postgresql', url: databaseUrl, schema } : { driver: 'sqlite', path: ':memory:' };
    const start = () => createOrm({ name: 'entitlements', target, entities: module.entities, migrations: module.migrations });
    orm = databaseUrl ? await whileNoSchemaIsDropped(databaseUrl, start) : await start();
  });
  afterAll(async () => {
    await orm?.close();
    if (databaseUrl) await dropTestSchemas(databaseUrl, [schema]);
  });

  it('a unique violation is logged with its type and SQL shape, without the names and e-mails it carried', async () => {
    const row = { id: 'usr_dup', tenantId: 'ten_a', name: 'Ada Lovelace', email: 'ada.lovelace@example.com', role: 'ADMIN' as const, createdAt: new Date('2026-01-01T00:00:00Z') };
    await orm.em.fork().insert(User, row);
    const error = await orm.em
      .fork()
      .insert(User, { ...row, name: 'Grace Hopper', email: 'grace.hopper@example.com' })
      .then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    // The error itself does carry them: this is what the log must not repeat.
    expect(JSON.stringify({ message: (error as Error).message, ...(error as object) })).toMatch(/grace\.hopper@example\.com|Grace Hopper|usr_dup/);

    const lines: string[] = [];
    const logger = createLogger('test', 'info', new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
    logger.error({ err: error }, 'subgraph: internal error');
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).not.toMatch(/grace\.hopper|Grace Hopper|ada\.lovelace|Ada Lovelace|usr_dup/);
    const logged = JSON.parse(line).err;
    expect(logged.type).toBe('UniqueConstraintViolationException');
    expect(logged.message).toMatch(/insert into .*user.*'\?'/);
    expect(logged.detail).toBeUndefined();
  });

  it('other errors are logged whole', () => {
    const lines: string[] = [];
    const logger = createLogger('test', 'info', new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
    logger.error({ err: new TypeError("Cannot read properties of undefined (reading 'name')") }, 'bug');
    expect(JSON.parse(lines[0]!).err.message).toBe("Cannot read properties of undefined (reading 'name')");
  });
});
