/** An amount in minor units and its ISO-4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

/** What the cart needs to know of a catalog product. */
export interface CatalogProduct {
  id: string;
  name: string;
  price: Money;
}

/**
 * Prices and stock, asked of the services that own them (src/product-catalog.client.ts):
 * the cart never keeps a copy, so a price change shows in every cart at once. Each
 * method answers many products in one call, in the order of `ids`.
 */
export interface ProductCatalog {
  /** The catalog's products; null for an id the catalog does not know. */
  products(ids: readonly string[], requestId?: string): Promise<(CatalogProduct | null)[]>;
  /** Units that can be sold now; 0 for a product without stock. */
  availableQuantities(ids: readonly string[], requestId?: string): Promise<number[]>;
}
