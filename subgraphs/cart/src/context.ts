import type { BaseContext } from '@agora/subgraph-kit';
import { CartCheckouts } from './cart-checkout';
import { CartRepository } from './cart.repository';
import { CartService } from './cart.service';
import type { CartDb } from './db';
import { createLoaders, type Loaders } from './loaders';
import type { ProductCatalog } from './product-catalog';

export interface Context extends BaseContext {
  loaders: Loaders;
  carts: CartService;
  checkouts: CartCheckouts;
}

/** Builds the per-request context factory over one database handle and the catalog/inventory port. */
export function contextFactory(db: CartDb, products: ProductCatalog): (base: BaseContext) => Context {
  const repository = new CartRepository(db.db);
  const checkouts = new CartCheckouts(repository);
  return (base) => {
    const loaders = createLoaders(repository, products, { requestId: base.requestId, deadline: base.deadline });
    return { ...base, loaders, carts: new CartService(repository, loaders), checkouts };
  };
}
