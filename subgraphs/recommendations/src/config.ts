import { databaseEnv, type DatabaseConfig } from '@agora/postgres';
import { parseConfig, subgraphEnv } from '@agora/subgraph-kit';
import { z } from 'zod';

const recommendationsEnv = z.object({
  ...subgraphEnv,
  ...databaseEnv.shape,
  PORT: z.coerce.number().int().positive().default(4009),
  /** The events database every service shares (the pg-boss queue when there is no broker). */
  EVENTS_DATABASE_URL: z.url('must be a postgres:// URL'),
  /** RabbitMQ: when set, events come through it instead of the pg-boss queue. An empty value means unset. */
  AMQP_URL: z.preprocess((value) => (value === '' ? undefined : value), z.url('must be an amqp:// URL').optional()),
});

export type RecommendationsConfig = z.infer<typeof recommendationsEnv>;

/** The only reader of process.env in recommendations. */
export function loadConfig(): RecommendationsConfig {
  return parseConfig(recommendationsEnv);
}

/** Migrations and the seed need the database only. */
export function loadDatabaseConfig(): DatabaseConfig {
  return parseConfig(databaseEnv);
}
