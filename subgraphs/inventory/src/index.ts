import { runScript, runSubgraph } from '@agora/subgraph-kit';
import { createInventoryService } from './app';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  await runSubgraph(createInventoryService({ databaseUrl: config.DATABASE_URL }), config);
}

runScript(main);
