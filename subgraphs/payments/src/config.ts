import { databaseEnv, type DatabaseConfig } from '@agora/postgres';
import { parseConfig, subgraphEnv } from '@agora/subgraph-kit';
import { z } from 'zod';

/** How long payments waits for the card processor before giving up on a call. */
export const DEFAULT_PROCESSOR_TIMEOUT_MS = 3_000;

/** Where payment events go: the outbox relay publishes to RabbitMQ, or to pg-boss without it. */
const eventsEnv = {
  /** The events database every service shares (pg-boss queues; `npm start` creates agora_events). */
  EVENTS_DATABASE_URL: z.url('must be a postgres:// URL'),
  /** RabbitMQ; when set, events go through it instead of pg-boss. */
  AMQP_URL: z.url('must be an amqp:// URL').optional(),
  /** How often the relay looks for unpublished events. */
  OUTBOX_RELAY_INTERVAL_MS: z.coerce.number().int().positive().default(500),
};

const paymentsEnv = z.object({
  ...subgraphEnv,
  ...databaseEnv.shape,
  PORT: z.coerce.number().int().positive().default(4007),
  PROCESSOR_TIMEOUT_MS: z.coerce
    .number()
    .int('must be a whole number of milliseconds')
    .positive('must be positive')
    .default(DEFAULT_PROCESSOR_TIMEOUT_MS),
  ...eventsEnv,
});

export type PaymentsConfig = z.infer<typeof paymentsEnv>;

/** The only reader of process.env in payments. */
export function loadConfig(): PaymentsConfig {
  return parseConfig(paymentsEnv);
}

/** Migrations need the database only. */
export function loadDatabaseConfig(): DatabaseConfig {
  return parseConfig(databaseEnv);
}
