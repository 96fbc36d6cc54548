import { withEventWork } from '@agora/events';
import { createLogger, type BootOptions } from '@agora/subgraph-kit';
import { createCatalogService } from './app';
import type { CatalogConfig } from './config';
import { CatalogOutboxRelay } from './events/outbox-relay';
import { seedCatalog } from './seed';

export { loadConfig, type CatalogConfig as Config } from './config';
export type Service = Awaited<ReturnType<typeof createCatalogService>>;

/** The catalog service as the process runs it: its store, and (background) the relay of its product events. */
export async function boot(config: CatalogConfig, options: BootOptions = {}): Promise<Service> {
  const service = await createCatalogService({
    mongodbUrl: config.MONGODB_URL,
    mongodbDb: config.MONGODB_DB,
    dataDir: config.CATALOG_DATA_DIR,
  });
  if (options.background === false) return service;
  return withEventWork(service, {
    config,
    log: createLogger('catalog', config.LOG_LEVEL),
    start: (events, onError) => {
      const relay = new CatalogOutboxRelay({ products: service.store.products, publisher: events.publisher, onError });
      relay.start(config.OUTBOX_RELAY_INTERVAL_MS);
      return Promise.resolve([relay]);
    },
  });
}

/** Adds the demo categories and products that are not stored yet (idempotent). */
export async function seedDemo(service: Service): Promise<void> {
  await seedCatalog(service.store);
}
