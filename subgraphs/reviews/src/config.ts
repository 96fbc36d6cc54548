import { databaseEnv, type DatabaseConfig } from '@agora/postgres';
import {
  demoDataEnv,
  parseConfig,
  subgraphEnv,
  signerEnv,
  signingKeyRequiredInProduction,
  type DemoDataSettings,
} from '@agora/subgraph-kit';
import { z } from 'zod';

const reviewsEnv = z
  .object({
    ...subgraphEnv,
    ...signerEnv,
    ...databaseEnv.shape,
    PORT: z.coerce.number().int().positive().default(4004),
    /** The catalog subgraph, asked whether a reviewed product exists. */
    CATALOG_URL: z.url().default('http://127.0.0.1:4002/graphql'),
  })
  .superRefine(signingKeyRequiredInProduction('SIGNING_KEY'));

export type ReviewsConfig = z.infer<typeof reviewsEnv>;

/** The only reader of process.env in reviews (`env` for tests). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ReviewsConfig {
  return parseConfig(reviewsEnv, env);
}

/** Migrations need the database only. */
export function loadDatabaseConfig(): DatabaseConfig {
  return parseConfig(databaseEnv);
}

/** The seed entry needs the database and the demo-data switch (`env` for tests). */
export function loadSeedConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig & DemoDataSettings {
  return parseConfig(z.object({ ...databaseEnv.shape, ...demoDataEnv }), env);
}
