import { databaseEnv, type DatabaseConfig } from '@agora/postgres';
import { demoDataEnv, parseConfig, subgraphEnv, type DemoDataSettings } from '@agora/subgraph-kit';
import { z } from 'zod';

/** Access-token settings; the router must be configured with the same issuer and audience. */
const jwtEnv = z.object({
  JWT_ISSUER: z.string().min(1).default('agora-accounts'),
  JWT_AUDIENCE: z.string().min(1).default('agora'),
  /** Short on purpose: an access token cannot be revoked, only left to expire. */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
});

const accountsEnv = z.object({
  ...subgraphEnv,
  ...databaseEnv.shape,
  ...jwtEnv.shape,
  PORT: z.coerce.number().int().positive().default(4001),
});

export type AccountsConfig = z.infer<typeof accountsEnv>;

/** The only reader of process.env in accounts (`env` for tests). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AccountsConfig {
  return parseConfig(accountsEnv, env);
}

/** Migrations need the database only. */
export function loadDatabaseConfig(): DatabaseConfig {
  return parseConfig(databaseEnv);
}

/** The seed entry needs the database and the demo-data switch (`env` for tests). */
export function loadSeedConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig & DemoDataSettings {
  return parseConfig(z.object({ ...databaseEnv.shape, ...demoDataEnv }), env);
}
