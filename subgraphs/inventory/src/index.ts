import { type BootOptions, breakerSettingsOf, createLogger, serviceSignerOf } from '@agora/subgraph-kit';
import { createInventoryService } from './app';
import type { InventoryConfig } from './config';
import { productCatalogClient } from './product-catalog.client';
import { seedDemoStock } from './seed';

export { loadConfig, type InventoryConfig as Config } from './config';
export { MIGRATIONS_FOLDER } from './db';
export type Service = ReturnType<typeof createInventoryService>;

/**
 * The inventory service as the process runs it: over the catalog (signing its calls as
 * `inventory`), and (background) the sweep of expired reservations.
 */
export async function boot(config: InventoryConfig, options: BootOptions = {}): Promise<Service> {
  const signer = await serviceSignerOf('inventory', config);
  const service = createInventoryService({
    databaseUrl: config.DATABASE_URL,
    catalog: productCatalogClient({ catalogUrl: config.CATALOG_URL, signer, breaker: breakerSettingsOf(config) }),
    reservationSweepIntervalMs: options.background === false ? undefined : config.RESERVATION_SWEEP_INTERVAL_MS,
    logger: createLogger('inventory', config.LOG_LEVEL),
  });
  return Object.assign(service, { signer });
}

/** Sets the demo stock of the products that have none yet (idempotent). */
export async function seedDemo(service: Service): Promise<void> {
  await seedDemoStock(service.db);
}
