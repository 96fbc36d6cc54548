import { eventsConfigSchema, outboxEnv } from '@agora/events';
import { demoDataEnv, parseConfig, subgraphEnv, type DemoDataSettings, trustedSignersEnv } from '@agora/subgraph-kit';
import { z } from 'zod';

const storeEnv = z.object({
  /** A MongoDB server; without it the catalog uses its in-process engine. */
  MONGODB_URL: z.url().optional(),
  MONGODB_DB: z.string().min(1).default('agora_catalog'),
  /** The in-process engine's folder (relative to the working directory). */
  CATALOG_DATA_DIR: z.string().min(1).default('.data/catalog'),
});

const catalogEnv = eventsConfigSchema({
  ...subgraphEnv,
  ...outboxEnv,
  ...storeEnv.shape,
  PORT: z.coerce.number().int().positive().default(4002),
  /** The router and the services that call catalog (cart, inventory, orders, reviews), at their local ports by default. */
  TRUSTED_SIGNERS: trustedSignersEnv(['cart', 'inventory', 'orders', 'reviews']),
});

export type CatalogConfig = z.infer<typeof catalogEnv>;
export type StoreConfig = z.infer<typeof storeEnv>;

/** The only reader of process.env in catalog (`env` for tests). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CatalogConfig {
  return parseConfig(catalogEnv, env);
}

/** The seed entry needs the store and the demo-data switch (`env` for tests). */
export function loadSeedConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig & DemoDataSettings {
  return parseConfig(z.object({ ...storeEnv.shape, ...demoDataEnv }), env);
}
