import { type BootOptions, breakerSettingsOf, serviceSignerOf } from '@agora/subgraph-kit';
import { createReviewsService } from './app';
import { catalogProductDirectory } from './product-directory.client';
import type { ReviewsConfig } from './config';
import { seedDemoReviews } from './seed';

export { loadConfig, type ReviewsConfig as Config } from './config';
export { MIGRATIONS_FOLDER } from './db';
export type Service = ReturnType<typeof createReviewsService>;

/** The reviews service as the process runs it, over the catalog subgraph (signing its calls as `reviews`). */
export async function boot(config: ReviewsConfig, _options: BootOptions = {}): Promise<Service> {
  const signer = await serviceSignerOf('reviews', config);
  const service = createReviewsService({
    databaseUrl: config.DATABASE_URL,
    products: catalogProductDirectory({ catalogUrl: config.CATALOG_URL, signer, breaker: breakerSettingsOf(config) }),
  });
  return Object.assign(service, { signer });
}

/** Adds the demo reviews that do not exist yet (idempotent). */
export async function seedDemo(service: Service): Promise<void> {
  await seedDemoReviews(service.db);
}
