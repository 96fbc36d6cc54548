import { databaseEnv, type DatabaseConfig } from '@agora/postgres';
import {
  demoDataEnv,
  parseConfig,
  subgraphEnv,
  signerEnv,
  signingKeyRequiredInProduction,
  type DemoDataSettings,
  trustedSignersEnv,
} from '@agora/subgraph-kit';
import { z } from 'zod';

const inventoryEnv = z
  .object({
    ...subgraphEnv,
    ...signerEnv,
    ...databaseEnv.shape,
    PORT: z.coerce.number().int().positive().default(4003),
    /** The router and the services that call inventory (cart, orders), at their local ports by default. */
    TRUSTED_SIGNERS: trustedSignersEnv(['cart', 'orders']),
    /** The catalog subgraph: stock is set only for products it offers. */
    CATALOG_URL: z.url().default('http://127.0.0.1:4002/graphql'),
    /** How often HELD reservations past their expiry are released. */
    RESERVATION_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  })
  .superRefine(signingKeyRequiredInProduction('SIGNING_KEY'));

export type InventoryConfig = z.infer<typeof inventoryEnv>;

/** The only reader of process.env in inventory (`env` for tests). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): InventoryConfig {
  return parseConfig(inventoryEnv, env);
}

/** Migrations need the database only. */
export function loadDatabaseConfig(): DatabaseConfig {
  return parseConfig(databaseEnv);
}

/** The seed entry needs the database and the demo-data switch (`env` for tests). */
export function loadSeedConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig & DemoDataSettings {
  return parseConfig(z.object({ ...databaseEnv.shape, ...demoDataEnv }), env);
}
