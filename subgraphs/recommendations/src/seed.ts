import { demoProducts } from '@agora/demo-data';
import { runScript, seedDemoDataIfAsked } from '@agora/subgraph-kit';
import { sql } from 'drizzle-orm';
import { loadSeedConfig } from './config';
import { connectRecommendationsDb, type RecommendationsDb } from './db';
import { productCategories } from './db/schema';

/**
 * Idempotent: records the category of each demo product not known yet, so the
 * category fallback works before the catalog has published anything (the demo
 * catalog is seeded, not created through events). Nothing has sold on day one, so
 * best sellers tie at 0 units and the newest products (demo `createdAt`) come first.
 * Returns how many products were added.
 */
export async function seedDemoProductCategories(db: RecommendationsDb): Promise<number> {
  const rows = demoProducts().map((product) => ({
    productId: product.id,
    categoryId: product.categoryId,
    listedAt: product.createdAt,
    // A catalog change made after the demo product was created wins over the seed.
    changedAt: product.createdAt,
  }));
  // 500 rows x 4 columns is far below Postgres' 65,535 parameters: one statement.
  const added = await db.db
    .insert(productCategories)
    .values(rows)
    .onConflictDoNothing()
    .returning({ productId: productCategories.productId });
  // A product deleted in the catalog since must not come back with the seed.
  await db.db.execute(
    sql`delete from product_categories pc using deleted_products d where d.product_id = pc.product_id`,
  );
  return added.length;
}

/**
 * The seed entry (`node dist/seed.js`, which the image runs on start): adds the demo product categories
 * only when SEED_DEMO_DATA=true, else logs that demo data is off (`env` for tests;
 * process.env by default).
 */
export async function runSeed(env?: NodeJS.ProcessEnv): Promise<void> {
  const config = loadSeedConfig(env);
  await seedDemoDataIfAsked('recommendations', config, async () => {
    const db = connectRecommendationsDb(config.DATABASE_URL);
    try {
      console.log(`recommendations: ${await seedDemoProductCategories(db)} product categories added`);
    } finally {
      await db.close();
    }
  });
}

// Run as a script (npm run seed); imported by tests for seedDemoProductCategories only.
if (require.main === module) runScript(() => runSeed());
