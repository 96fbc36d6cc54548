import { runSubgraph } from '@agora/subgraph-kit';
import { createCatalogService } from './app';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const service = await createCatalogService({
    mongodbUrl: config.MONGODB_URL,
    mongodbDb: config.MONGODB_DB,
    dataDir: config.CATALOG_DATA_DIR,
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
