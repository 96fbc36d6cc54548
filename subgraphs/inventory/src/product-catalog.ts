import { type CallScope } from '@agora/subgraph-kit';
/**
 * Which products the catalog offers. Inventory owns no product data, so it asks the
 * catalog (src/product-catalog.client.ts) before it records stock for a product id.
 */
export interface ProductCatalog {
  /** The subset of `ids` the catalog offers: unknown and deleted products are left out. */
  offeredIds(ids: readonly string[], scope?: CallScope): Promise<Set<string>>;
}
