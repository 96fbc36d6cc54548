import { withEventWork } from '@agora/events';
import { createLogger, type BootOptions } from '@agora/subgraph-kit';
import { createRecommendationsService } from './app';
import type { RecommendationsConfig } from './config';
import { startRecommendationsConsumer } from './consumer';
import { seedDemoProductCategories } from './seed';

export { loadConfig, type RecommendationsConfig as Config } from './config';
export { MIGRATIONS_FOLDER } from './db';
export type Service = ReturnType<typeof createRecommendationsService>;

/** The recommendations service as the process runs it: its read model, and (background) the consumer that fills it. */
export async function boot(config: RecommendationsConfig, options: BootOptions = {}): Promise<Service> {
  const service = createRecommendationsService({ databaseUrl: config.DATABASE_URL });
  if (options.background === false) return service;
  return withEventWork(service, {
    config,
    log: createLogger('recommendations', config.LOG_LEVEL),
    start: async (events) => {
      await startRecommendationsConsumer({ db: service.db, subscriber: events.subscriber });
      return [];
    },
  });
}

/** Adds the demo products' categories to the read model (idempotent). */
export async function seedDemo(service: Service): Promise<void> {
  await seedDemoProductCategories(service.db);
}
