import { demoProducts } from '@agora/demo-data';
import { runScript, seedDemoDataIfAsked } from '@agora/subgraph-kit';
import { loadSeedConfig } from './config';
import { connectSearchDb, type SearchDb } from './db';
import { SearchRepository } from './search.repository';

/**
 * Indexes the demo products (the catalog's seed), idempotently. Events alone cannot
 * fill a first start: the catalog publishes its seed's ProductChanged events as soon as
 * it runs, and a consumer's queue only receives events published after its first
 * subscribe. Each row is dated with the product's creation, so any catalog event about
 * it is newer and wins, and a product the catalog deleted is not brought back.
 */
export async function seedSearch(db: SearchDb): Promise<number> {
  const products = demoProducts();
  await new SearchRepository(db.db).upsert(
    products.map((product) => ({
      productId: product.id,
      name: product.name,
      description: product.description,
      brand: product.brand,
      categoryId: product.categoryId,
      priceAmount: product.price.amount,
      currency: product.price.currency,
      updatedAt: product.createdAt,
    })),
  );
  return products.length;
}

/**
 * The seed entry (`node dist/seed.js`, which the image runs on start): adds the demo products to the index
 * only when SEED_DEMO_DATA=true, else logs that demo data is off (`env` for tests;
 * process.env by default).
 */
export async function runSeed(env?: NodeJS.ProcessEnv): Promise<void> {
  const config = loadSeedConfig(env);
  await seedDemoDataIfAsked('search', config, async () => {
    const db = connectSearchDb(config.DATABASE_URL);
    try {
      console.log(`search: ${await seedSearch(db)} demo products indexed`);
    } finally {
      await db.close();
    }
  });
}

// Run only as a script, so tests can import seedSearch.
if (require.main === module) runScript(() => runSeed());
