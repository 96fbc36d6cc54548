import { runScript, runSubgraph } from '@agora/subgraph-kit';
import { createCatalogService } from './app';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const service = await createCatalogService({
    mongodbUrl: config.MONGODB_URL,
    mongodbDb: config.MONGODB_DB,
    dataDir: config.CATALOG_DATA_DIR,
  });
  await runSubgraph(service, config);
}

runScript(main);
