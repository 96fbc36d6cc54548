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

/** Applies the committed drizzle migrations in `migrationsFolder`. */
export async function runMigrations(url: string, migrationsFolder: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migrate(drizzle(pool), { migrationsFolder });
  } finally {
    await pool.end();
  }
}
