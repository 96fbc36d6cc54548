import { isUniqueViolation, isUuid, newestPerOwner, type Executor, type KeysetPosition } from '@agora/postgres';
import { count, eq, inArray, sql } from 'drizzle-orm';
import type { schema } from './db';
import { reviews, type NewReview, type ReviewRow } from './db/schema';

/** Which id a list of reviews belongs to: the product reviewed or its author. */
export type ReviewOwner = 'productId' | 'authorId';

export interface ProductReviewStats {
  count: number;
  /** Rounded to 2 decimals; null when there are no reviews. */
  averageRating: number | null;
}

/** Ids that are not UUIDs cannot be in the table; asking Postgres would fail on the cast. */
function isReviewId(id: string): boolean {
  return isUuid(id);
}

/** Reviews: data access only (no GraphQL, no authorization). */
export class ReviewRepository {
  constructor(private readonly db: Executor<typeof schema>) {}

  /** Reviews by id, in one query; unknown ids are absent from the map. */
  async byIds(ids: readonly string[]): Promise<Map<string, ReviewRow>> {
    const valid = ids.filter(isReviewId);
    if (valid.length === 0) return new Map();
    const rows = await this.db.select().from(reviews).where(inArray(reviews.id, valid));
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Inserts a review; null when its author already reviewed that product. */
  async insert(review: NewReview): Promise<ReviewRow | null> {
    try {
      const [row] = await this.db.insert(reviews).values(review).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** Deletes a review; false when there was none. */
  async delete(id: string): Promise<boolean> {
    if (!isReviewId(id)) return false;
    const deleted = await this.db.delete(reviews).where(eq(reviews.id, id)).returning({ id: reviews.id });
    return deleted.length > 0;
  }

  /**
   * Up to `limit` reviews per owner, newest first, strictly after `after`: one
   * statement for any number of owners (row_number per owner, keyset before it).
   * Rows come grouped by owner in list order.
   */
  async pageByOwner(
    owner: ReviewOwner,
    ownerIds: readonly string[],
    limit: number,
    after: KeysetPosition | null,
  ): Promise<ReviewRow[]> {
    return newestPerOwner(
      this.db,
      reviews,
      { owner: reviews[owner], createdAt: reviews.createdAt, id: reviews.id },
      ownerIds,
      limit,
      after,
    );
  }

  /** Review count and mean rating per product, in one grouped query. */
  async statsByProduct(productIds: readonly string[]): Promise<Map<string, ProductReviewStats>> {
    if (productIds.length === 0) return new Map();
    const rows = await this.db
      .select({
        productId: reviews.productId,
        count: count(),
        averageRating: sql<number>`round(avg(${reviews.rating}), 2)`.mapWith(Number),
      })
      .from(reviews)
      .where(inArray(reviews.productId, [...productIds]))
      .groupBy(reviews.productId);
    return new Map(rows.map(({ productId, ...stats }) => [productId, stats]));
  }

  /** Review count per author, in one grouped query. */
  async countByAuthor(authorIds: readonly string[]): Promise<Map<string, number>> {
    if (authorIds.length === 0) return new Map();
    const rows = await this.db
      .select({ authorId: reviews.authorId, count: count() })
      .from(reviews)
      .where(inArray(reviews.authorId, [...authorIds]))
      .groupBy(reviews.authorId);
    return new Map(rows.map((row) => [row.authorId, row.count]));
  }

  /** Adds reviews whose id or (product, author) pair is not taken yet; returns how many. */
  async insertMissing(rows: readonly NewReview[]): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted = await this.db
      .insert(reviews)
      .values([...rows])
      .onConflictDoNothing()
      .returning({ id: reviews.id });
    return inserted.length;
  }
}
