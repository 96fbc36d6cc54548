import { runScript, runSubgraph } from '@agora/subgraph-kit';
import { createCartService } from './app';
import { loadConfig } from './config';
import { productCatalogClient } from './product-catalog.client';

async function main(): Promise<void> {
  const config = loadConfig();
  const service = createCartService({
    databaseUrl: config.DATABASE_URL,
    products: productCatalogClient({
      catalogUrl: config.CATALOG_URL,
      inventoryUrl: config.INVENTORY_URL,
      identitySecret: config.IDENTITY_SECRET,
      timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    }),
  });
  await runSubgraph(service, config);
}

runScript(main);
