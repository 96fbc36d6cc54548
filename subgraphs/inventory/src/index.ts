import { runSubgraph } from '@agora/subgraph-kit';
import { createInventoryService } from './app';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  await runSubgraph(createInventoryService({ databaseUrl: config.DATABASE_URL }), {
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
