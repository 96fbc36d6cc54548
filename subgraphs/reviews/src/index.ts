import { runScript, runSubgraph } from '@agora/subgraph-kit';
import { createReviewsService } from './app';
import { catalogProductDirectory } from './catalog.client';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const service = createReviewsService({
    databaseUrl: config.DATABASE_URL,
    products: catalogProductDirectory({ catalogUrl: config.CATALOG_URL, identitySecret: config.IDENTITY_SECRET }),
  });
  await runSubgraph(service, config);
}

runScript(main);
