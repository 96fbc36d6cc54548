import DataLoader from 'dataloader';
import type { StockRepository } from './stock.repository';

export interface Loaders {
  /** Units on hand by product id (0 for a product with no stock row). */
  quantity: DataLoader<string, number>;
}

/** Created per request: a cache must never outlive one caller's request. */
export function createLoaders(stock: StockRepository): Loaders {
  return {
    quantity: new DataLoader(async (ids) => {
      const found = await stock.quantities(ids);
      return ids.map((id) => found.get(id) ?? 0);
    }),
  };
}
