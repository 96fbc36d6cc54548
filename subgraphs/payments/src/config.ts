import { eventsConfigSchema, outboxEnv } from '@agora/events';
import { databaseEnv, type DatabaseConfig } from '@agora/postgres';
import { parseConfig, subgraphEnv, trustedSignersEnv } from '@agora/subgraph-kit';
import { z } from 'zod';

/** How long payments waits for the card processor before giving up on a call. */
export const DEFAULT_PROCESSOR_TIMEOUT_MS = 3_000;

const paymentsEnv = eventsConfigSchema({
  ...subgraphEnv,
  ...databaseEnv.shape,
  PORT: z.coerce.number().int().positive().default(4007),
  /** The router and the services that call payments (orders), at their local ports by default. */
  TRUSTED_SIGNERS: trustedSignersEnv(['orders']),
  PROCESSOR_TIMEOUT_MS: z.coerce
    .number()
    .int('must be a whole number of milliseconds')
    .positive('must be positive')
    .default(DEFAULT_PROCESSOR_TIMEOUT_MS),
  ...outboxEnv,
});

export type PaymentsConfig = z.infer<typeof paymentsEnv>;

/** The only reader of process.env in payments (`env` for tests). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): PaymentsConfig {
  return parseConfig(paymentsEnv, env);
}

/** Migrations need the database only. */
export function loadDatabaseConfig(): DatabaseConfig {
  return parseConfig(databaseEnv);
}
