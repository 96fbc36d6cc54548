import { eventsConfigSchema } from '@agora/events';
import { databaseEnv, type DatabaseConfig } from '@agora/postgres';
import { demoDataEnv, parseConfig, subgraphEnv, type DemoDataSettings } from '@agora/subgraph-kit';
import { z } from 'zod';

const recommendationsEnv = eventsConfigSchema({
  ...subgraphEnv,
  ...databaseEnv.shape,
  PORT: z.coerce.number().int().positive().default(4009),
});

export type RecommendationsConfig = z.infer<typeof recommendationsEnv>;

/** The only reader of process.env in recommendations (`env` for tests). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): RecommendationsConfig {
  return parseConfig(recommendationsEnv, env);
}

/** Migrations need the database only. */
export function loadDatabaseConfig(): DatabaseConfig {
  return parseConfig(databaseEnv);
}

/** The seed entry needs the database and the demo-data switch (`env` for tests). */
export function loadSeedConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig & DemoDataSettings {
  return parseConfig(z.object({ ...databaseEnv.shape, ...demoDataEnv }), env);
}
