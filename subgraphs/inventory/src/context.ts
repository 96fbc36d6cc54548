import type { BaseContext } from '@agora/subgraph-kit';
import type { InventoryDb } from './db';
import { createLoaders, type Loaders } from './loaders';
import type { ProductCatalog } from './product-catalog';
import type { ReservationService } from './reservation.service';
import { StockRepository } from './stock.repository';
import { StockService } from './stock.service';

export interface Context extends BaseContext {
  stock: StockService;
  reservations: ReservationService;
  loaders: Loaders;
}

/** Builds the per-request context factory over one database handle, the reservation rules and the catalog. */
export function contextFactory(
  db: InventoryDb,
  reservations: ReservationService,
  catalog: ProductCatalog,
): (base: BaseContext) => Context {
  const levels = new StockRepository(db.db);
  const stock = new StockService(levels, catalog);
  return (base) => ({ ...base, stock, reservations, loaders: createLoaders(levels) });
}
