import { createLogger, runScript, runSubgraph } from '@agora/subgraph-kit';
import { createInventoryService } from './app';
import { loadConfig } from './config';
import { productCatalogClient } from './product-catalog.client';

async function main(): Promise<void> {
  const config = loadConfig();
  const service = createInventoryService({
    databaseUrl: config.DATABASE_URL,
    catalog: productCatalogClient({ catalogUrl: config.CATALOG_URL, identitySecret: config.IDENTITY_SECRET }),
    reservationSweepIntervalMs: config.RESERVATION_SWEEP_INTERVAL_MS,
    logger: createLogger('inventory', config.LOG_LEVEL),
  });
  await runSubgraph(service, config);
}

runScript(main);
