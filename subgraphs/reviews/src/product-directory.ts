/**
 * Which products exist, as the catalog knows them. Reviews owns no product data,
 * so it asks the catalog (src/product-directory.client.ts) before accepting a review.
 */
export interface ProductDirectory {
  /**
   * The subset of `ids` that are catalog products on sale (not removed). `requestId`
   * is the id of the request that asks, passed on to the catalog.
   */
  existingIds(ids: string[], requestId?: string): Promise<Set<string>>;
}
