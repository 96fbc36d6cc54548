import { type CallScope } from '@agora/subgraph-kit';
import DataLoader from 'dataloader';
import type { CartRepository } from './cart.repository';
import type { CartContents } from './db/schema';
import { cartCurrency, priceCart, type PricedCart } from './pricing';
import type { CatalogProduct, ProductCatalog } from './product-catalog';

export interface Loaders {
  /** What a user's cart holds (lines and currency), by user id: one SQL statement per batch. */
  contents: DataLoader<string, CartContents>;
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
export function createLoaders(carts: CartRepository, catalog: ProductCatalog, scope: CallScope): Loaders {
  const contents = new DataLoader<string, CartContents>(async (userIds) => {
    const found = await carts.contentsByUser(userIds);
    return userIds.map((userId) => found.get(userId) ?? { currency: null, lines: [] });
  });
  const product = new DataLoader<string, CatalogProduct | null>((ids) => catalog.products(ids, scope));
  const availableQuantity = new DataLoader<string, number>((ids) => catalog.availableQuantities(ids, scope));
  const pricedCart = new DataLoader<string, PricedCart>(async (userIds) => {
    const contentsOf = await loadAll(contents, userIds);
    const productIds = [...new Set(contentsOf.flatMap((cart) => cart.lines.map((line) => line.productId)))];
    const found = await loadAll(product, productIds);
    const byId = new Map(found.flatMap((item) => (item ? [[item.id, item] as const] : [])));
    const productOf = (id: string) => byId.get(id) ?? null;
    // A cart from before carts recorded their currency keeps the one it is priced in now.
    const missing = userIds.flatMap((userId, index) => {
      const cart = contentsOf[index];
      const currency = cart && cart.currency === null ? cartCurrency(cart, productOf) : null;
      return currency === null ? [] : [{ userId, currency }];
    });
    await carts.recordMissingCurrencies(missing);
    return userIds.map((userId, index) =>
      priceCart(userId, contentsOf[index] ?? { currency: null, lines: [] }, productOf),
    );
  });
  return { contents, product, availableQuantity, pricedCart };
}

/** A user's cart read again after a change (the lines and prices read before it no longer hold). */
export function reloadCart(loaders: Loaders, userId: string): Promise<PricedCart> {
  loaders.contents.clear(userId);
  loaders.pricedCart.clear(userId);
  return loaders.pricedCart.load(userId);
}
