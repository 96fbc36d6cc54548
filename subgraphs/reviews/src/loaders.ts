import { newestFirstCursor, type KeysetPosition } from '@agora/postgres';
import { createPageLoader, type PageLoader } from '@agora/subgraph-kit';
import DataLoader from 'dataloader';
import type { ReviewRow } from './db/schema';
import type { ProductReviewStats, ReviewOwner, ReviewRepository } from './review.repository';

export interface Loaders {
  reviewById: DataLoader<string, ReviewRow | null>;
  /** Count and mean rating by product id (0 and null for a product without reviews). */
  productStats: DataLoader<string, ProductReviewStats>;
  /** Review count by author id. */
  authorReviewCount: DataLoader<string, number>;
  /** Pages of reviews by product: one query per distinct (limit, after). */
  productReviewPages: PageLoader<'productId', KeysetPosition, ReviewRow>;
  /** Pages of reviews by author: one query per distinct (limit, after). */
  authorReviewPages: PageLoader<'authorId', KeysetPosition, ReviewRow>;
}

const NO_REVIEWS: ProductReviewStats = { count: 0, averageRating: null };

/** The page loader of one kind of review list (by product or by author). */
function reviewPages<TOwner extends ReviewOwner>(
  reviews: ReviewRepository,
  owner: TOwner,
): PageLoader<TOwner, KeysetPosition, ReviewRow> {
  return createPageLoader({
    owner,
    pages: (ownerIds, limit, after) => reviews.pageByOwner(owner, ownerIds, limit, after),
    cursor: newestFirstCursor,
  });
}

/** Created per request: a cache must never outlive one caller's request. */
export function createLoaders(reviews: ReviewRepository): Loaders {
  return {
    reviewById: new DataLoader(async (ids) => {
      const found = await reviews.byIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    productStats: new DataLoader(async (ids) => {
      const found = await reviews.statsByProduct(ids);
      return ids.map((id) => found.get(id) ?? NO_REVIEWS);
    }),
    authorReviewCount: new DataLoader(async (ids) => {
      const found = await reviews.countByAuthor(ids);
      return ids.map((id) => found.get(id) ?? 0);
    }),
    productReviewPages: reviewPages(reviews, 'productId'),
    authorReviewPages: reviewPages(reviews, 'authorId'),
  };
}
