import { databaseEnv, type DatabaseConfig } from '@agora/postgres';
import { parseConfig, subgraphEnv } from '@agora/subgraph-kit';
import { z } from 'zod';

const notificationsEnv = z.object({
  ...subgraphEnv,
  ...databaseEnv.shape,
  PORT: z.coerce.number().int().positive().default(4010),
  /** The events database every service of the deployment shares (pg-boss queues). */
  EVENTS_DATABASE_URL: z.url('must be a postgres:// URL'),
  /** RabbitMQ; when set, events come through it instead of the pg-boss queue. */
  AMQP_URL: z.preprocess((value) => (value === '' ? undefined : value), z.url('must be an amqp:// URL').optional()),
  /** The accounts subgraph, asked for a recipient's e-mail address and name. */
  ACCOUNTS_URL: z.url().default('http://127.0.0.1:4001/graphql'),
  /** How long a recipient lookup waits on accounts before the event is retried. */
  ACCOUNTS_TIMEOUT_MS: z.coerce.number().int().positive().default(3_000),
});

export type NotificationsConfig = z.infer<typeof notificationsEnv>;

/** The only reader of process.env in notifications. */
export function loadConfig(): NotificationsConfig {
  return parseConfig(notificationsEnv);
}

/** Migrations need the database only. */
export function loadDatabaseConfig(): DatabaseConfig {
  return parseConfig(databaseEnv);
}
