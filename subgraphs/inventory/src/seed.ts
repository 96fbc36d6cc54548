import { demoStock } from '@agora/demo-data';
import { runScript } from '@agora/subgraph-kit';
import { loadDatabaseConfig } from './config';
import { connectInventoryDb, type InventoryDb } from './db';
import { StockRepository } from './stock.repository';

/** Idempotent: only demo products without a stock level get one. Returns how many were added. */
export function seedDemoStock(db: InventoryDb): Promise<number> {
  return new StockRepository(db.db).insertMissing(demoStock());
}

async function main(): Promise<void> {
  const db = connectInventoryDb(loadDatabaseConfig().DATABASE_URL);
  try {
    console.log(`inventory: ${await seedDemoStock(db)} stock levels added`);
  } finally {
    await db.close();
  }
}

// Run as a script (`npm run seed`); tests import seedDemoStock without seeding.
if (require.main === module) runScript(main);
