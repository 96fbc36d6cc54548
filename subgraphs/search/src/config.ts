import { databaseEnv, type DatabaseConfig } from '@agora/postgres';
import { parseConfig, subgraphEnv } from '@agora/subgraph-kit';
import { z } from 'zod';

const searchEnv = z.object({
  ...subgraphEnv,
  ...databaseEnv.shape,
  PORT: z.coerce.number().int().positive().default(4008),
  /** The pg-boss database every service shares for events (the transport without a broker). */
  EVENTS_DATABASE_URL: z.url(),
  /** RabbitMQ; when set, events come through it instead of pg-boss. */
  AMQP_URL: z.url().optional(),
});

export type SearchConfig = z.infer<typeof searchEnv>;

/** The only reader of process.env in search. */
export function loadConfig(): SearchConfig {
  return parseConfig(searchEnv);
}

/** Migrations and seeding need the database only. */
export function loadDatabaseConfig(): DatabaseConfig {
  return parseConfig(databaseEnv);
}
