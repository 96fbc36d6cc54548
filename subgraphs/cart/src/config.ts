import { databaseEnv, type DatabaseConfig } from '@agora/postgres';
import {
  parseConfig,
  subgraphEnv,
  signerEnv,
  signingKeyRequiredInProduction,
  trustedSignersEnv,
} from '@agora/subgraph-kit';
import { z } from 'zod';

const cartEnv = z
  .object({
    ...subgraphEnv,
    ...signerEnv,
    ...databaseEnv.shape,
    PORT: z.coerce.number().int().positive().default(4005),
    /** The router and the services that call cart (orders), at their local ports by default. */
    TRUSTED_SIGNERS: trustedSignersEnv(['orders']),
    /** The catalog subgraph: product names and current prices. */
    CATALOG_URL: z.url().default('http://127.0.0.1:4002/graphql'),
    /** The inventory subgraph: units in stock. */
    INVENTORY_URL: z.url().default('http://127.0.0.1:4003/graphql'),
    /** How long a cart waits on the catalog or inventory before failing the request. */
    UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(3_000),
  })
  .superRefine(signingKeyRequiredInProduction('SIGNING_KEY'));

export type CartConfig = z.infer<typeof cartEnv>;

/** The only reader of process.env in cart (`env` for tests). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CartConfig {
  return parseConfig(cartEnv, env);
}

/** Migrations need the database only. */
export function loadDatabaseConfig(): DatabaseConfig {
  return parseConfig(databaseEnv);
}
