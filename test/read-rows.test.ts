import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SUBGRAPH_MODULES } from '../subgraphs/registry';
import { Invoice } from '../subgraphs/invoicing/entities/invoice.entity';
import { Assignment } from '../subgraphs/entitlements/entities/assignment.entity';
import { User } from '../subgraphs/entitlements/entities/user.entity';
import { createOrm, type DatabaseTarget, type Orm } from '../subgraphs/runtime/orm';
import { countRows, readRows } from '../subgraphs/runtime/read-rows';
import { Subscription } from '../subgraphs/subscriptions/entities/subscription.entity';
import { dropTestSchemas, whileNoSchemaIsDropped } from './support/test-schemas';

/**
 * runtime/read-rows.ts reads what the ORM reads, with the same types, on the database
 * the suite runs on (SQLite in memory, or PostgreSQL with DATABASE_URL): the hot read
 * paths use it instead of `em.find`, so where it disagrees with the ORM, every loader does.
 */
describe('readRows: plain rows as the ORM would read them', () => {
  const databaseUrl = process.env.DATABASE_URL?.trim();
  const prefix = `rr${process.pid}_${Date.now().toString(36)}`;
  const orms: Orm[] = [];
  const log: string[] = [];

  async function open(name: 'entitlements' | 'invoicing' | 'subscriptions'): Promise<Orm> {
    const module = SUBGRAPH_MODULES.find((m) => m.name === name)!;
    const target: DatabaseTarget = databaseUrl ? { driver: 'postgresql', url: databaseUrl, schema: `${prefix}_${name}` } : { driver: 'sqlite', path: ':memory:' };
    const start = () => createOrm({ name, target, entities: module.entities, migrations: module.migrations, onQuery: (sql) => log.push(sql) });
    const orm = databaseUrl ? await whileNoSchemaIsDropped(databaseUrl, start) : await start();
    orms.push(orm);
    return orm;
  }

  let entitlements: Orm;
  const t = (iso: string) => new Date(iso);
  beforeAll(async () => {
    entitlements = await open('entitlements');
    const em = entitlements.em.fork();
    await em.insertMany(User, [
      { id: 'usr_1', tenantId: 'ten_a', name: 'Ada', email: 'ada@a', role: 'ADMIN', createdAt: t('2026-01-01T00:00:00.123Z') },
      { id: 'usr_2', tenantId: 'ten_a', name: 'Bo', email: 'bo@a', role: 'AGENT', createdAt: t('2026-02-01T00:00:00Z') },
      { id: 'usr_3', tenantId: 'ten_a', name: 'Cy', email: 'cy@a', role: 'AGENT', createdAt: t('2026-03-01T00:00:00Z') },
      { id: 'usr_9', tenantId: 'ten_b', name: 'Zed', email: 'zed@b', role: 'OWNER', createdAt: t('2026-01-15T00:00:00Z') },
    ]);
    await em.insertMany(Assignment, [
      { id: 'asg_1', tenantId: 'ten_a', userId: 'usr_1', addOnKey: 'ai', assignedAt: t('2026-01-10T00:00:00Z'), unassignedAt: null, activeKey: 'ten_a:ai:usr_1' },
      { id: 'asg_2', tenantId: 'ten_a', userId: 'usr_2', addOnKey: 'ai', assignedAt: t('2026-01-10T00:00:00Z'), unassignedAt: t('2026-02-10T00:00:00Z'), activeKey: null },
    ]);
  });
  afterAll(async () => {
    for (const orm of orms) await orm.close(true);
    if (databaseUrl) await dropTestSchemas(databaseUrl, ['entitlements', 'invoicing', 'subscriptions'].map((name) => `${prefix}_${name}`));
  });

  it('returns the same rows, property names and types as em.find', async () => {
    const em = entitlements.em.fork();
    const ours = await readRows(em, User, { tenantId: 'ten_a' }, { orderBy: { id: 'asc' } });
    const theirs = await entitlements.em.fork().find(User, { tenantId: 'ten_a' }, { orderBy: { id: 'asc' } });
    expect(ours).toEqual(theirs.map((user) => ({ ...user })));
    expect(ours[0]!.createdAt).toEqual(t('2026-01-01T00:00:00.123Z'));
    expect(ours[0]!.createdAt).toBeInstanceOf(Date);
  });

  it('filters by a list, an empty list, null, ranges and $or, and pages with order and limit', async () => {
    const em = entitlements.em.fork();
    expect((await readRows(em, User, { id: ['usr_3', 'usr_9', 'usr_404'] })).map((u) => u.id).sort()).toEqual(['usr_3', 'usr_9']);
    expect(await readRows(em, User, { id: [] })).toEqual([]);
    expect((await readRows(em, User, { tenantId: 'ten_a', id: { $gt: 'usr_1' } }, { orderBy: { id: 'desc' }, limit: 1 })).map((u) => u.id)).toEqual(['usr_3']);
    expect((await readRows(em, User, { createdAt: { $gte: t('2026-01-15T00:00:00Z'), $lt: t('2026-03-01T00:00:00Z') } }, { orderBy: { id: 'asc' } })).map((u) => u.id)).toEqual(['usr_2', 'usr_9']);
    expect((await readRows(em, Assignment, { unassignedAt: null })).map((a) => a.id)).toEqual(['asg_1']);
    expect((await readRows(em, Assignment, { unassignedAt: { $ne: null } })).map((a) => a.id)).toEqual(['asg_2']);
    const at = t('2026-03-01T00:00:00Z');
    const activeAt = { tenantId: 'ten_a', assignedAt: { $lte: at }, $or: [{ unassignedAt: null }, { unassignedAt: { $gt: at } }] } as const;
    expect((await readRows(em, Assignment, activeAt)).map((a) => a.id)).toEqual(['asg_1']);
    expect(await countRows(em, Assignment, activeAt)).toBe(1);
    expect(await countRows(em, Assignment, { ...activeAt, $or: [{ unassignedAt: null }, { unassignedAt: { $gt: t('2026-02-01T00:00:00Z') } }] })).toBe(2);
    expect(await countRows(em, User, { tenantId: 'ten_a' })).toBe(3);
    expect(await countRows(em, User, { tenantId: [] })).toBe(0);
  });

  it('reads inside the entity manager’s transaction, and only there', async () => {
    await entitlements.em.fork().transactional(async (em) => {
      await em.insert(User, { id: 'usr_tx', tenantId: 'ten_tx', name: 'Tx', email: 'tx@x', role: 'AGENT', createdAt: t('2026-04-01T00:00:00Z') });
      expect((await readRows(em, User, { tenantId: 'ten_tx' })).map((u) => u.id)).toEqual(['usr_tx']);
      em.clear();
      throw Object.assign(new Error('roll back'), { rollback: true });
    }).catch((error: { rollback?: boolean }) => {
      if (!error.rollback) throw error;
    });
    expect(await readRows(entitlements.em.fork(), User, { tenantId: 'ten_tx' })).toEqual([]);
  });

  it('reads money stored as int8 and booleans as numbers and booleans on either driver', async () => {
    const invoicing = await open('invoicing');
    await invoicing.em.fork().insert(Invoice, {
      id: 'inv_1', tenantId: 'ten_a', subscriptionId: 'sub_1', kind: 'CYCLE', issueKey: 'k1',
      periodStart: t('2026-01-01T00:00:00Z'), periodEnd: t('2026-02-01T00:00:00Z'), issuedAt: t('2026-02-01T00:00:00Z'),
      subtotalMinor: 3_000_000_000, currency: 'USD',
    });
    const [invoice] = await readRows(invoicing.em.fork(), Invoice, { tenantId: 'ten_a' });
    expect(invoice!.subtotalMinor).toBe(3_000_000_000);

    const subscriptions = await open('subscriptions');
    const em = subscriptions.em.fork();
    const base = { tenantId: 'ten_a', name: 'S', department: 'D', planKey: 'p', licensingModel: 'NAMED', telephony: 'WEBEX_CALLING', offer: 'FLEX', billingInterval: 'MONTHLY', originalStartsAt: t('2026-01-01T00:00:00Z'), createdAt: t('2026-01-01T00:00:00Z') } as const;
    await em.insertMany(Subscription, [
      { ...base, id: 'sub_h', hybrid: true },
      { ...base, id: 'sub_n', hybrid: false },
    ]);
    expect((await readRows(em, Subscription, { hybrid: true })).map((s) => [s.id, s.hybrid])).toEqual([['sub_h', true]]);
    expect((await readRows(em, Subscription, { hybrid: false })).map((s) => [s.id, s.hybrid])).toEqual([['sub_n', false]]);
  });

  it('on SQLite, each connection prepares a statement text once (runtime/orm.ts keeps them)', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const libsql = require('libsql') as { prototype: { prepare(sql: string): unknown } };
    const prepare = jest.spyOn(libsql.prototype, 'prepare');
    const module = SUBGRAPH_MODULES.find((m) => m.name === 'entitlements')!;
    const orm = await createOrm({ name: 'entitlements', target: { driver: 'sqlite', path: ':memory:' }, entities: module.entities, migrations: module.migrations, onQuery: () => undefined });
    try {
      await orm.em.fork().insert(User, { id: 'usr_p', tenantId: 'ten_p', name: 'P', email: 'p@p', role: 'AGENT', createdAt: t('2026-01-01T00:00:00Z') });
      prepare.mockClear();
      for (const id of ['usr_p', 'usr_q', 'usr_p']) await readRows(orm.em.fork(), User, { id: [id] });
      expect(prepare).toHaveBeenCalledTimes(1);
      expect((await readRows(orm.em.fork(), User, { id: ['usr_p'] })).map((u) => u.name)).toEqual(['P']);
    } finally {
      prepare.mockRestore();
      await orm.close(true);
    }
  });

  if (databaseUrl) {
    it('on PostgreSQL, a read by a list of any length (beyond one value) is one text, prepared by name once per connection', async () => {
      await entitlements.em.fork().transactional(async (tx) => {
        for (const id of ['usr_1', 'usr_2', 'usr_1']) await readRows(tx, User, { id: [id] });
        const eleven = ['usr_1', 'usr_2', 'usr_3', 'usr_4', 'usr_5', 'usr_6', 'usr_7', 'usr_8', 'usr_9', 'usr_10', 'usr_11'];
        expect((await readRows(tx, User, { id: eleven })).map((u) => u.id).sort()).toEqual(['usr_1', 'usr_2', 'usr_3', 'usr_9']);
        expect((await readRows(tx, User, { id: { $in: ['usr_2', 'usr_3'] } })).map((u) => u.id).sort()).toEqual(['usr_2', 'usr_3']);
        const prepared = await tx.getConnection().execute<{ statement: string }[]>(`select statement from pg_prepared_statements where name like 'rr\\_%'`, [], 'all', tx.getTransactionContext());
        const byId = prepared.map((p) => p.statement).filter((statement) => statement.includes('from "app_user" where "id"'));
        // One value is an equality; two or eleven are one text: each prepared once, however often it ran.
        const columns = 'select "id" as "id", "tenant_id" as "tenantId", "name" as "name", "email" as "email", "role" as "role", "created_at" as "createdAt" from "app_user"';
        expect(byId.sort()).toEqual([`${columns} where "id" = $1`, `${columns} where "id" = any($1)`]);
      });
    });
  }

  it('on a SQLite file, reads outside a transaction go to the reader connection: committed data, without waiting for a writer', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'read-rows-'));
    const module = SUBGRAPH_MODULES.find((m) => m.name === 'entitlements')!;
    const orm = await createOrm({ name: 'entitlements', target: { driver: 'sqlite', path: join(directory, 'e.sqlite') }, entities: module.entities, migrations: module.migrations, onQuery: () => undefined });
    try {
      await orm.em.fork().insert(User, { id: 'usr_c', tenantId: 'ten_r', name: 'Committed', email: 'c@r', role: 'AGENT', createdAt: t('2026-01-01T00:00:00Z') });
      let release!: () => void;
      const writing = orm.em.fork().transactional(async (tx) => {
        await tx.insert(User, { id: 'usr_u', tenantId: 'ten_r', name: 'Uncommitted', email: 'u@r', role: 'AGENT', createdAt: t('2026-01-01T00:00:00Z') });
        expect((await readRows(tx, User, { tenantId: 'ten_r' }, { orderBy: { id: 'asc' } })).map((u) => u.id)).toEqual(['usr_c', 'usr_u']);
        await new Promise<void>((resolve) => (release = resolve));
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      // The writer's one pooled connection is held by the transaction; this read does not wait for it.
      expect((await readRows(orm.em.fork(), User, { tenantId: 'ten_r' })).map((u) => u.id)).toEqual(['usr_c']);
      release();
      await writing;
      expect((await readRows(orm.em.fork(), User, { tenantId: 'ten_r' }, { orderBy: { id: 'asc' } })).map((u) => u.id)).toEqual(['usr_c', 'usr_u']);
    } finally {
      await orm.close(true);
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('binds its values, so one statement text serves every request, and logs it as the ORM logs its own', async () => {
    log.length = 0;
    await readRows(entitlements.em.fork(), User, { id: ['usr_1'] });
    await readRows(entitlements.em.fork(), User, { id: ['usr_2'] });
    const statements = log.map((line) => line.replace(/\u001b\[[0-9;]*m/g, ''));
    expect(statements).toHaveLength(2);
    expect(statements[0]).toContain('select');
    expect(statements[0]).not.toContain('usr_1');
    expect(statements[0]!.replace(/\[took.*$/, '')).toEqual(statements[1]!.replace(/\[took.*$/, ''));
  });
});
