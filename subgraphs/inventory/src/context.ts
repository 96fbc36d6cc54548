import type { BaseContext } from '@agora/subgraph-kit';
import type { InventoryDb } from './db';
import { createLoaders, type Loaders } from './loaders';
import type { ReservationService } from './reservations.service';
import { StockRepository } from './stock.repository';

export interface Context extends BaseContext {
  stock: StockRepository;
  reservations: ReservationService;
  loaders: Loaders;
}

/** Builds the per-request context factory over one database handle and the reservation rules. */
export function contextFactory(db: InventoryDb, reservations: ReservationService): (base: BaseContext) => Context {
  const stock = new StockRepository(db.db);
  return (base) => ({ ...base, stock, reservations, loaders: createLoaders(stock) });
}
