import { eventsConfigSchema } from '@agora/events';
import { databaseEnv, type DatabaseConfig } from '@agora/postgres';
import { demoDataEnv, parseConfig, subgraphEnv, type DemoDataSettings } from '@agora/subgraph-kit';
import { z } from 'zod';

const searchEnv = eventsConfigSchema({
  ...subgraphEnv,
  ...databaseEnv.shape,
  PORT: z.coerce.number().int().positive().default(4008),
});

export type SearchConfig = z.infer<typeof searchEnv>;

/** The only reader of process.env in search (`env` for tests). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): SearchConfig {
  return parseConfig(searchEnv, env);
}

/** Migrations need the database only. */
export function loadDatabaseConfig(): DatabaseConfig {
  return parseConfig(databaseEnv);
}

/** The seed entry needs the database and the demo-data switch (`env` for tests). */
export function loadSeedConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig & DemoDataSettings {
  return parseConfig(z.object({ ...databaseEnv.shape, ...demoDataEnv }), env);
}
