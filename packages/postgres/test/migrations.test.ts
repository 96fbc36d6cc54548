import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@agora/testing';
import pg from 'pg';
import { MIGRATION_LOCK_KEY, runMigrations } from '../src';

/** Two tables, one migration each. */
const FIXTURE = path.join(__dirname, 'fixtures', 'migrations');

let database: TestDatabase;
let client: pg.Client;

beforeEach(async () => {
  database = await createTestDatabase('postgres_migrations');
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterEach(async () => {
  await client.end();
  await database.drop();
});

async function fixtureTables(): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = 'public' and table_name in ('widgets', 'gadgets') order by table_name`,
  );
  return result.rows.map((row) => row.name);
}

async function appliedMigrations(): Promise<number> {
  const result = await client.query<{ count: number }>(
    'select count(*)::int as count from drizzle.__drizzle_migrations',
  );
  return result.rows[0]?.count ?? 0;
}

describe('runMigrations', () => {
  it('lets two runs on one fresh database succeed together, applying each migration once', async () => {
    await Promise.all([runMigrations(database.url, FIXTURE), runMigrations(database.url, FIXTURE)]);
    expect(await fixtureTables()).toEqual(['gadgets', 'widgets']);
    expect(await appliedMigrations()).toBe(2);
  });

  it('waits while another session holds the migration lock, and migrates once it is released', async () => {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const events: string[] = [];
    const run = runMigrations(database.url, FIXTURE).then(() => events.push('migrated'));

    // The run is waiting on the lock once PostgreSQL shows a session blocked on it.
    await waitForLockWaiter();
    expect(events).toEqual([]);
    expect(await fixtureTables()).toEqual([]);

    events.push('released');
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    await run;
    expect(events).toEqual(['released', 'migrated']);
    expect(await fixtureTables()).toEqual(['gadgets', 'widgets']);
  });
});

/** Resolves once a session of this database waits for an advisory lock (not granted). */
async function waitForLockWaiter(): Promise<void> {
  for (;;) {
    const result = await client.query<{ waiting: boolean }>(
      `select exists (select 1 from pg_locks
         where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())
       ) as waiting`,
    );
    if (result.rows[0]?.waiting) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
