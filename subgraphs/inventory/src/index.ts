import { runSubgraph } from '@agora/subgraph-kit';
import { createInventoryServer } from './app';
import { loadConfig } from './config';
import { contextFactory } from './context';
import { connectInventoryDb } from './db';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = connectInventoryDb(config.DATABASE_URL);
  await runSubgraph({
    name: 'inventory',
    port: config.PORT,
    host: config.HOST,
    logLevel: config.LOG_LEVEL,
    identitySecret: config.IDENTITY_SECRET,
    server: createInventoryServer(),
    createContext: contextFactory(db),
    isReady: db.ping,
    close: db.close,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
