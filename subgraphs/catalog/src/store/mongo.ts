import { MongoClient } from 'mongodb';
import type { StoreCollection } from './collection';
import type { CategoryDoc, StoredProduct } from './documents';
import type { EngineStore } from './engine';

/** A real MongoDB through the official driver; its collections are used as they are. */
export async function connectMongoStore(url: string, databaseName: string): Promise<EngineStore> {
  const client = await MongoClient.connect(url);
  const db = client.db(databaseName);
  const products: StoreCollection<StoredProduct> = db.collection<StoredProduct>('products');
  const categories: StoreCollection<CategoryDoc> = db.collection<CategoryDoc>('categories');
  return {
    products,
    categories,
    ping: async () => {
      await db.command({ ping: 1 });
      return true;
    },
    close: () => client.close(),
  };
}
