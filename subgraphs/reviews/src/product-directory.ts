import { type CallScope } from '@agora/subgraph-kit';
/**
 * Which products exist, as the catalog knows them. Reviews owns no product data,
 * so it asks the catalog (src/product-directory.client.ts) before accepting a review.
 */
export interface ProductDirectory {
  /**
   * The subset of `ids` that are catalog products on sale (not removed). `scope` (the request id and deadline)
   * is the id of the request that asks, passed on to the catalog.
   */
  existingIds(ids: string[], scope?: CallScope): Promise<Set<string>>;
}
