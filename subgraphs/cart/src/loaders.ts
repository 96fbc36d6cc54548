import DataLoader from 'dataloader';
import type { CartRepository } from './cart.repository';
import type { CartItemRow } from './db/schema';
import { priceCart, type PricedCart } from './pricing';
import type { CatalogProduct, ProductCatalog } from './product-catalog';

export interface Loaders {
  /** The lines of a user's cart, by user id: one SQL statement per batch. */
  lines: DataLoader<string, CartItemRow[]>;
  /** Catalog products by id (null when unknown): one catalog request per batch. */
  product: DataLoader<string, CatalogProduct | null>;
  /** Units in stock by product id: one inventory request per batch. */
  availableQuantity: DataLoader<string, number>;
  /** A user's cart at current prices, by user id. */
  pricedCart: DataLoader<string, PricedCart>;
}

/** Like `loadMany`, but failing as a whole: a cart priced with half its products would be wrong. */
export function loadAll<K, V>(loader: DataLoader<K, V>, keys: readonly K[]): Promise<V[]> {
  return Promise.all(keys.map((key) => loader.load(key)));
}

/** Created per request: a cache must never outlive one caller's request (prices included). */
export function createLoaders(carts: CartRepository, catalog: ProductCatalog, requestId: string): Loaders {
  const lines = new DataLoader<string, CartItemRow[]>(async (userIds) => {
    const found = await carts.linesByUser(userIds);
    return userIds.map((userId) => found.get(userId) ?? []);
  });
  const product = new DataLoader<string, CatalogProduct | null>((ids) => catalog.products(ids, requestId));
  const availableQuantity = new DataLoader<string, number>((ids) => catalog.availableQuantities(ids, requestId));
  const pricedCart = new DataLoader<string, PricedCart>(async (userIds) => {
    const linesOf = await loadAll(lines, userIds);
    const productIds = [...new Set(linesOf.flat().map((line) => line.productId))];
    const found = await loadAll(product, productIds);
    const byId = new Map(found.flatMap((item) => (item ? [[item.id, item] as const] : [])));
    return userIds.map((userId, index) => priceCart(userId, linesOf[index] ?? [], (id) => byId.get(id) ?? null));
  });
  return { lines, product, availableQuantity, pricedCart };
}

/** A user's cart read again after a change (the lines and prices read before it no longer hold). */
export function reloadCart(loaders: Loaders, userId: string): Promise<PricedCart> {
  loaders.lines.clear(userId);
  loaders.pricedCart.clear(userId);
  return loaders.pricedCart.load(userId);
}
