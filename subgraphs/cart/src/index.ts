import { type BootOptions, breakerSettingsOf, serviceSignerOf } from '@agora/subgraph-kit';
import { createCartService } from './app';
import type { CartConfig } from './config';
import { productCatalogClient } from './product-catalog.client';

export { loadConfig, type CartConfig as Config } from './config';
export { MIGRATIONS_FOLDER } from './db';
export type Service = ReturnType<typeof createCartService>;

/** The cart service as the process runs it, over the catalog and inventory subgraphs, signing its calls as `cart`. */
export async function boot(config: CartConfig, _options: BootOptions = {}): Promise<Service> {
  const signer = await serviceSignerOf('cart', config);
  const service = createCartService({
    databaseUrl: config.DATABASE_URL,
    products: productCatalogClient({
      catalogUrl: config.CATALOG_URL,
      inventoryUrl: config.INVENTORY_URL,
      signer,
      timeoutMs: config.UPSTREAM_TIMEOUT_MS,
      breaker: breakerSettingsOf(config),
    }),
  });
  return Object.assign(service, { signer });
}
