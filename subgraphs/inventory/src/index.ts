import { createLogger, type BootOptions, breakerSettingsOf } from '@agora/subgraph-kit';
import { createInventoryService } from './app';
import type { InventoryConfig } from './config';
import { productCatalogClient } from './product-catalog.client';
import { seedDemoStock } from './seed';

export { loadConfig, type InventoryConfig as Config } from './config';
export { MIGRATIONS_FOLDER } from './db';
export type Service = ReturnType<typeof createInventoryService>;

/** The inventory service as the process runs it: over the catalog, and (background) the sweep of expired reservations. */
export function boot(config: InventoryConfig, options: BootOptions = {}): Promise<Service> {
  return Promise.resolve(
    createInventoryService({
      databaseUrl: config.DATABASE_URL,
      catalog: productCatalogClient({
        catalogUrl: config.CATALOG_URL,
        identitySecret: config.IDENTITY_SECRET,
        breaker: breakerSettingsOf(config),
      }),
      reservationSweepIntervalMs: options.background === false ? undefined : config.RESERVATION_SWEEP_INTERVAL_MS,
      logger: createLogger('inventory', config.LOG_LEVEL),
    }),
  );
}

/** Sets the demo stock of the products that have none yet (idempotent). */
export async function seedDemo(service: Service): Promise<void> {
  await seedDemoStock(service.db);
}
