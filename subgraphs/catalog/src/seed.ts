import { runScript, seedDemoDataIfAsked } from '@agora/subgraph-kit';
import { demoCategories, demoProducts } from '@agora/demo-data';
import { CategoryRepository } from './category.repository';
import { loadSeedConfig } from './config';
import { ProductRepository } from './product.repository';
import { openCatalogStore, type CatalogStore } from './store';

/** Idempotent: inserts the demo categories and products whose ids are not stored yet. */
export async function seedCatalog(store: CatalogStore): Promise<{ categories: number; products: number }> {
  const categories = await new CategoryRepository(store.categories).insertMissing(
    demoCategories().map(({ id, ...category }) => ({ _id: id, ...category })),
  );
  const products = await new ProductRepository(store.products).insertMissing(
    demoProducts().map(({ id, ...product }) => ({ _id: id, ...product, updatedAt: product.createdAt })),
  );
  return { categories, products };
}

/**
 * The seed entry (`node dist/seed.js`, which the image runs on start): adds the demo
 * categories and products only when SEED_DEMO_DATA=true, else logs that demo data is off
 * (`env` for tests; process.env by default).
 */
export async function runSeed(env?: NodeJS.ProcessEnv): Promise<void> {
  const config = loadSeedConfig(env);
  await seedDemoDataIfAsked('catalog', config, async () => {
    const store = await openCatalogStore({
      mongodbUrl: config.MONGODB_URL,
      mongodbDb: config.MONGODB_DB,
      dataDir: config.CATALOG_DATA_DIR,
    });
    try {
      const added = await seedCatalog(store);
      console.log(`catalog: ${added.categories} categories and ${added.products} products added`);
    } finally {
      await store.close();
    }
  });
}

// Run only as a script, so tests can import seedCatalog.
if (require.main === module) runScript(() => runSeed());
