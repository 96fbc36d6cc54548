import { createHash } from 'node:crypto';
import type { StoreCounter } from '@agora/subgraph-kit';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

/** Counts statements sent to PostgreSQL, so tests can assert queries per operation. */
export class QueryCounter implements StoreCounter {
  count = 0;
  reset(): void {
    this.count = 0;
  }
}

export interface Postgres<TSchema extends Record<string, unknown>> {
  db: NodePgDatabase<TSchema>;
  pool: pg.Pool;
  queries: QueryCounter;
  ping: () => Promise<boolean>;
  close: () => Promise<void>;
}

/**
 * Opens a pool and a drizzle handle over it. Every statement goes through the
 * pool's clients, where it is counted (at the driver, not by timing).
 */
export function connectPostgres<TSchema extends Record<string, unknown>>(
  url: string,
  schema: TSchema,
  options: { max?: number; onIdleError?: (error: Error) => void } = {},
): Postgres<TSchema> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  const queries = new QueryCounter();
  // An idle client that PostgreSQL drops (restart, admin kill) emits 'error' on the
  // pool; unhandled, that would crash the service. The pool replaces the client.
  pool.on('error', options.onIdleError ?? ((error) => console.error(`postgres: idle client error: ${error.message}`)));
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      queries.count += 1;
      return query(...args);
    };
  });
  const db = drizzle(pool, { schema });
  return {
    db,
    pool,
    queries,
    ping: async () => {
      await pool.query('select 1');
      return true;
    },
    close: () => pool.end(),
  };
}

/**
 * The advisory lock key that serializes migrations: the first 8 bytes of the SHA-256 of
 * 'agora:migrations', as a signed 64-bit integer (the type `pg_advisory_lock` takes). Advisory
 * locks belong to one database, so migrations of different databases never wait on each other.
 */
export const MIGRATION_LOCK_KEY = createHash('sha256').update('agora:migrations').digest().readBigInt64BE(0).toString();

/**
 * Applies the committed drizzle migrations in `migrationsFolder` to the database at `url`,
 * holding the session-level advisory lock `MIGRATION_LOCK_KEY` on a connection of its own
 * for the whole run. Two runs against one database (replicas or release jobs starting
 * together) cannot race: the second waits for the first to release the lock, then finds
 * every migration applied and does nothing. The lock is released when the run ends, whether
 * it succeeded or threw (and by PostgreSQL if the process dies, with its session).
 */
export async function runMigrations(url: string, migrationsFolder: string): Promise<void> {
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await migrate(drizzle(pool), { migrationsFolder });
    } finally {
      await pool.end();
    }
  } finally {
    // Ending the session releases the lock too; unlocking first keeps it short when end is slow.
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
