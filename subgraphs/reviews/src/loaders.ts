import DataLoader from 'dataloader';
import type { ReviewRow } from './db/schema';
import type { ProductReviewStats, ReviewOwner, ReviewPosition, ReviewRepository } from './review.repository';

/** One page of one owner's reviews: `limit` rows at most, after `after`. */
interface ReviewPageKey {
  owner: ReviewOwner;
  ownerId: string;
  limit: number;
  after: ReviewPosition | null;
}

export interface Loaders {
  reviewById: DataLoader<string, ReviewRow | null>;
  /** Count and mean rating by product id (0 and null for a product without reviews). */
  productStats: DataLoader<string, ProductReviewStats>;
  /** Review count by author id. */
  authorReviewCount: DataLoader<string, number>;
  /** Pages of reviews by product or author: one query per distinct (owner kind, limit, after). */
  reviewPages: DataLoader<ReviewPageKey, ReviewRow[], string>;
}

const NO_REVIEWS: ProductReviewStats = { count: 0, averageRating: null };

/** Keys that can share one SQL statement: same list kind, same page size, same cursor. */
function pageShape(key: ReviewPageKey): string {
  return [key.owner, key.limit, key.after?.createdAt.toISOString() ?? '', key.after?.id ?? ''].join('|');
}

function pageKey(key: ReviewPageKey): string {
  return `${pageShape(key)}|${key.ownerId}`;
}

function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

async function loadPages(reviews: ReviewRepository, keys: readonly ReviewPageKey[]): Promise<ReviewRow[][]> {
  const pages = new Map<string, ReviewRow[]>();
  await Promise.all(
    [...groupBy(keys, pageShape).values()].map(async (group) => {
      const [{ owner, limit, after }] = group as [ReviewPageKey, ...ReviewPageKey[]];
      const rows = await reviews.pageByOwner(owner, [...new Set(group.map((key) => key.ownerId))], limit, after);
      const byOwner = groupBy(rows, (row) => row[owner]);
      for (const key of group) pages.set(pageKey(key), byOwner.get(key.ownerId) ?? []);
    }),
  );
  return keys.map((key) => pages.get(pageKey(key)) ?? []);
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
    reviewPages: new DataLoader((keys) => loadPages(reviews, keys), {
      cacheKeyFn: pageKey,
    }),
  };
}
