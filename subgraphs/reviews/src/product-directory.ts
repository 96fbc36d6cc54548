/**
 * Which products exist, as the catalog knows them. Reviews owns no product data,
 * so it asks the catalog (src/catalog.client.ts) before accepting a review.
 */
export interface ProductDirectory {
  /** The subset of `ids` that are catalog products on sale (not removed). */
  existingIds(ids: string[]): Promise<Set<string>>;
}
