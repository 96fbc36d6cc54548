import type { StoreCollection } from './collection';
import { countedCollection, OperationCounter } from './counted';
import type { CategoryDoc, StoredProduct } from './documents';
import type { EngineStore } from './engine';
import { openMemoryStore } from './memory';
import { connectMongoStore } from './mongo';

export type { StoreCollection } from './collection';
export { isDuplicateKeyError } from './collection';
export type { CategoryDoc, ProductDoc, StoredProduct } from './documents';

export interface StoreOptions {
  /** A MongoDB server; without one the in-process engine is used. */
  mongodbUrl?: string;
  mongodbDb?: string;
  /** Where the in-process engine keeps its files. */
  dataDir: string;
}

/** The catalog's collections, whichever engine holds them, every operation counted. */
export interface CatalogStore {
  products: StoreCollection<StoredProduct>;
  categories: StoreCollection<CategoryDoc>;
  queries: OperationCounter;
  engine: 'mongodb' | 'memory';
  ping: () => Promise<boolean>;
  close: () => Promise<void>;
}

const DEFAULT_MONGODB_DB = 'agora_catalog';

/** The indexes the listing's filters and keyset sorts rely on; `_id` ends each sort key. */
async function ensureIndexes(store: Pick<CatalogStore, 'products' | 'categories'>): Promise<void> {
  await store.products.createIndex({ slug: 1 }, { unique: true });
  await store.products.createIndex({ categoryId: 1 });
  await store.products.createIndex({ brand: 1 });
  await store.products.createIndex({ 'price.amount': 1, _id: 1 });
  await store.products.createIndex({ createdAt: 1, _id: 1 });
  await store.products.createIndex({ name: 1, _id: 1 });
  // The outbox relay's lookup: documents that still carry unpublished events.
  await store.products.createIndex({ 'pendingEvents.id': 1 });
  await store.categories.createIndex({ slug: 1 }, { unique: true });
  await store.categories.createIndex({ parentId: 1 });
}

/** Opens MongoDB when a URL is given, the in-process engine otherwise, and creates the indexes. */
export async function openCatalogStore(options: StoreOptions): Promise<CatalogStore> {
  const engine: EngineStore = options.mongodbUrl
    ? await connectMongoStore(options.mongodbUrl, options.mongodbDb ?? DEFAULT_MONGODB_DB)
    : await openMemoryStore(options.dataDir);
  const queries = new OperationCounter();
  const store: CatalogStore = {
    products: countedCollection(engine.products, queries),
    categories: countedCollection(engine.categories, queries),
    queries,
    engine: options.mongodbUrl ? 'mongodb' : 'memory',
    ping: engine.ping,
    close: engine.close,
  };
  try {
    await ensureIndexes(store);
  } catch (error) {
    await engine.close();
    throw error;
  }
  return store;
}
