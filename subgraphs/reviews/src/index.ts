import { runSubgraph } from '@agora/subgraph-kit';
import { createReviewsService } from './app';
import { catalogProductDirectory } from './catalog.client';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const service = createReviewsService({
    databaseUrl: config.DATABASE_URL,
    products: catalogProductDirectory(config.CATALOG_URL),
  });
  await runSubgraph(service, {
    port: config.PORT,
    host: config.HOST,
    logLevel: config.LOG_LEVEL,
    identitySecret: config.IDENTITY_SECRET,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
