import { demoStock } from '@agora/demo-data';
import { loadDatabaseConfig } from './config';
import { connectInventoryDb } from './db';
import { StockRepository } from './stock.repository';

/** Idempotent: only products without a stock level get one. */
async function seed(): Promise<void> {
  const db = connectInventoryDb(loadDatabaseConfig().DATABASE_URL);
  try {
    const added = await new StockRepository(db.db).insertMissing(demoStock());
    console.log(`inventory: ${added} stock levels added`);
  } finally {
    await db.close();
  }
}

seed().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
