import { eventsConfigSchema } from '@agora/events';
import { databaseEnv, type DatabaseConfig } from '@agora/postgres';
import { parseConfig, subgraphEnv, signerEnv, signingKeyRequiredInProduction } from '@agora/subgraph-kit';
import { z } from 'zod';

const notificationsEnv = eventsConfigSchema({
  ...subgraphEnv,
  ...signerEnv,
  ...databaseEnv.shape,
  PORT: z.coerce.number().int().positive().default(4010),
  /** The accounts subgraph, asked for a recipient's e-mail address and name. */
  ACCOUNTS_URL: z.url().default('http://127.0.0.1:4001/graphql'),
  /** How long a recipient lookup waits on accounts before the event is retried. */
  ACCOUNTS_TIMEOUT_MS: z.coerce.number().int().positive().default(3_000),
}).superRefine(signingKeyRequiredInProduction('SIGNING_KEY'));

export type NotificationsConfig = z.infer<typeof notificationsEnv>;

/** The only reader of process.env in notifications (`env` for tests). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): NotificationsConfig {
  return parseConfig(notificationsEnv, env);
}

/** Migrations need the database only. */
export function loadDatabaseConfig(): DatabaseConfig {
  return parseConfig(databaseEnv);
}
