import type { StoreCollection } from './collection';
import type { CategoryDoc, StoredProduct } from './documents';

/** What each engine (the MongoDB driver, the in-process one) opens, before counting. */
export interface EngineStore {
  products: StoreCollection<StoredProduct>;
  categories: StoreCollection<CategoryDoc>;
  ping: () => Promise<boolean>;
  /** Closes the client, or waits for the in-process engine's pending writes. */
  close: () => Promise<void>;
}
