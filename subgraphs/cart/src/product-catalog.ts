import { type CallScope } from '@agora/subgraph-kit';
/** An amount in minor units and its ISO-4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

/** What the cart needs to know of a catalog product. */
export interface CatalogProduct {
  id: string;
  name: string;
  /** The current price (the last one, once the product is removed from sale). */
  price: Money;
  /** Removed from sale: the catalog keeps it only so that what refers to it still resolves. */
  removed: boolean;
}

/**
 * Prices and stock, asked of the services that own them (src/product-catalog.client.ts):
 * the cart never keeps a copy, so a price change shows in every cart at once. Each
 * method answers many products in one call, in the order of `ids`.
 */
export interface ProductCatalog {
  /** The catalog's products (removed ones included); null for an id the catalog does not know. */
  products(ids: readonly string[], scope?: CallScope): Promise<(CatalogProduct | null)[]>;
  /** Units that can be sold now; 0 for a product without stock. */
  availableQuantities(ids: readonly string[], scope?: CallScope): Promise<number[]>;
}
