import { withEventWork } from '@agora/events';
import { createLogger, type BootOptions } from '@agora/subgraph-kit';
import { createSearchService } from './app';
import type { SearchConfig } from './config';
import { startSearchConsumer } from './consumer';
import { seedSearch } from './seed';

export { loadConfig, type SearchConfig as Config } from './config';
export { MIGRATIONS_FOLDER } from './db';
export type Service = ReturnType<typeof createSearchService>;

/** The search service as the process runs it: its index, and (background) the indexer of catalog events. */
export async function boot(config: SearchConfig, options: BootOptions = {}): Promise<Service> {
  const service = createSearchService({ databaseUrl: config.DATABASE_URL });
  if (options.background === false) return service;
  return withEventWork(service, {
    config,
    log: createLogger('search', config.LOG_LEVEL),
    start: async (events) => {
      await startSearchConsumer({ db: service.db, subscriber: events.subscriber });
      return [];
    },
  });
}

/** Indexes the demo products that are not indexed yet (idempotent). */
export async function seedDemo(service: Service): Promise<void> {
  await seedSearch(service.db);
}
