import type { BaseContext } from '@agora/subgraph-kit';
import type { InventoryDb } from './db';
import { createLoaders, type Loaders } from './loaders';
import { StockRepository } from './stock.repository';

export interface Context extends BaseContext {
  stock: StockRepository;
  loaders: Loaders;
}

/** Builds the per-request context factory over one database handle. */
export function contextFactory(db: InventoryDb): (base: BaseContext) => Context {
  const stock = new StockRepository(db.db);
  return (base) => ({ ...base, stock, loaders: createLoaders(stock) });
}
