import { Client } from 'pg';

/**
 * The fresh PostgreSQL schemas of the graph tests, shared by every jest worker (and any
 * other test run) on one database.
 *
 * MikroORM's migrator starts by listing every table of the database, in all schemas, and
 * casts each name to `regclass`; a schema dropped by another worker between the listing
 * and the cast fails that start with `schema "..." does not exist`. So the tests take a
 * database-wide advisory lock: shared while subgraphs migrate (starts run side by side),
 * exclusive while a finished graph drops its schemas (a drop waits for the starts in
 * flight, and they for it). Production never drops a schema, and has no such lock.
 */
const LOCK = 'select pg_advisory_lock_shared(4242, 1)';
const UNLOCK = 'select pg_advisory_unlock_shared(4242, 1)';
const EXCLUSIVE = 'select pg_advisory_lock(4242, 1)';
const EXCLUSIVE_UNLOCK = 'select pg_advisory_unlock(4242, 1)';

async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Runs `migrate` (subgraph starts, which apply migrations) while no test schema is being dropped. */
export function whileNoSchemaIsDropped<T>(url: string, migrate: () => Promise<T>): Promise<T> {
  return withClient(url, async (client) => {
    await client.query(LOCK);
    try {
      return await migrate();
    } finally {
      await client.query(UNLOCK);
    }
  });
}

/** Drops a finished graph's schemas once no subgraph of any test is migrating. */
export function dropTestSchemas(url: string, schemas: readonly string[]): Promise<void> {
  return withClient(url, async (client) => {
    await client.query(EXCLUSIVE);
    try {
      for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
    } finally {
      await client.query(EXCLUSIVE_UNLOCK);
    }
  });
}
