import { demoStock } from '@agora/demo-data';
import { runScript, seedDemoDataIfAsked } from '@agora/subgraph-kit';
import { loadSeedConfig } from './config';
import { connectInventoryDb, type InventoryDb } from './db';
import { StockRepository } from './stock.repository';

/** Idempotent: only demo products without a stock level get one. Returns how many were added. */
export function seedDemoStock(db: InventoryDb): Promise<number> {
  return new StockRepository(db.db).insertMissing(demoStock());
}

/**
 * The seed entry (`node dist/seed.js`, which the image runs on start): adds the demo stock levels
 * only when SEED_DEMO_DATA=true, else logs that demo data is off (`env` for tests;
 * process.env by default).
 */
export async function runSeed(env?: NodeJS.ProcessEnv): Promise<void> {
  const config = loadSeedConfig(env);
  await seedDemoDataIfAsked('inventory', config, async () => {
    const db = connectInventoryDb(config.DATABASE_URL);
    try {
      console.log(`inventory: ${await seedDemoStock(db)} stock levels added`);
    } finally {
      await db.close();
    }
  });
}

// Run as a script (`npm run seed`); tests import seedDemoStock without seeding.
if (require.main === module) runScript(() => runSeed());
