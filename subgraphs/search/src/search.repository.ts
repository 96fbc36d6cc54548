import { and, asc, count, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { inTransaction, type Executor } from '@agora/postgres';
import type { schema } from './db';
import { deletedProducts, searchDocuments } from './db/schema';
import type { SearchPosition } from './search-query';

/**
 * How close a name must be to the query to match despite a typo (pg_trgm's
 * word_similarity: "hedphones" is 0.62 against "Studio Headphones", 0.46 against
 * "Everyday Headphone Kit"). Such matches rank after every full-text match.
 */
const NAME_SIMILARITY_THRESHOLD = 0.45;

export interface SearchFilter {
  categoryId?: string;
  brand?: string;
  minPrice?: number;
  maxPrice?: number;
}

export interface SearchRequest {
  /** What the shopper typed (for trigram similarity). */
  text: string;
  /** The same as a prefix tsquery (see prefixTsQuery). */
  tsQuery: string;
  filter: SearchFilter;
  after: SearchPosition | null;
  limit: number;
}

export type SearchHit = SearchPosition;

export interface IndexedProduct {
  productId: string;
  name: string;
  description: string;
  brand: string;
  categoryId: string;
  priceAmount: number;
  currency: string;
  /** When the catalog made the change this version comes from. */
  updatedAt: Date;
}

function matching(request: Pick<SearchRequest, 'text' | 'tsQuery' | 'filter'>): SQL | undefined {
  const { filter } = request;
  const words = sql`${searchDocuments.document} @@ to_tsquery('english', ${request.tsQuery})`;
  // `<%` is word_similarity above the threshold, answered from the trigram index.
  const typo = sql`${request.text} <% ${searchDocuments.name}`;
  return and(
    sql`(${words} or ${typo})`,
    filter.categoryId === undefined ? undefined : eq(searchDocuments.categoryId, filter.categoryId),
    filter.brand === undefined ? undefined : eq(searchDocuments.brand, filter.brand),
    filter.minPrice === undefined ? undefined : gte(searchDocuments.priceAmount, filter.minPrice),
    filter.maxPrice === undefined ? undefined : lte(searchDocuments.priceAmount, filter.maxPrice),
  );
}

/** Rows strictly after `position`: a lower rank, or the same and a lower similarity, or both the same and a later id. */
function after(position: SearchPosition, rank: SQL, similarity: SQL, productId: SQL): SQL {
  // The values are float4 from PostgreSQL; cast back to real they compare equal to themselves.
  const r = sql`${position.rank}::real`;
  const s = sql`${position.similarity}::real`;
  return sql`(${rank} < ${r} or (${rank} = ${r} and (${similarity} < ${s} or (${similarity} = ${s} and ${productId} > ${position.productId}))))`;
}

/** The search index; data access only, on the executor it is built over (a consumer's: its handler's transaction). */
export class SearchRepository {
  constructor(private readonly db: Executor<typeof schema>) {}

  /** One page by relevance, `limit + 1` rows so the caller knows whether more follow. */
  page(request: SearchRequest): Promise<SearchHit[]> {
    return this.withNameThreshold(async (tx) => {
      const scored = tx.$with('scored').as(
        tx
          .select({
            productId: searchDocuments.productId,
            rank: sql<number>`ts_rank(${searchDocuments.document}, to_tsquery('english', ${request.tsQuery}))`.as(
              'rank',
            ),
            similarity: sql<number>`word_similarity(${request.text}, ${searchDocuments.name})`.as('similarity'),
          })
          .from(searchDocuments)
          .where(matching(request)),
      );
      const position = request.after;
      return tx
        .with(scored)
        .select()
        .from(scored)
        .where(
          position
            ? after(position, sql`${scored.rank}`, sql`${scored.similarity}`, sql`${scored.productId}`)
            : undefined,
        )
        .orderBy(desc(scored.rank), desc(scored.similarity), asc(scored.productId))
        .limit(request.limit + 1);
    });
  }

  count(request: Pick<SearchRequest, 'text' | 'tsQuery' | 'filter'>): Promise<number> {
    return this.withNameThreshold(async (tx) => {
      const [row] = await tx.select({ n: count() }).from(searchDocuments).where(matching(request));
      return row?.n ?? 0;
    });
  }

  /**
   * Writes each product unless its stored version is newer (an older event arriving
   * late changes nothing) or the catalog deleted it (ids are never reused).
   */
  async upsert(products: readonly IndexedProduct[]): Promise<void> {
    if (products.length === 0) return;
    const ids = products.map((product) => product.productId);
    const gone = await this.db
      .select({ productId: deletedProducts.productId })
      .from(deletedProducts)
      .where(inArray(deletedProducts.productId, ids));
    const deleted = new Set(gone.map((row) => row.productId));
    const live = products.filter((product) => !deleted.has(product.productId));
    if (live.length === 0) return;
    await this.db
      .insert(searchDocuments)
      .values([...live])
      .onConflictDoUpdate({
        target: searchDocuments.productId,
        set: {
          name: sql`excluded.name`,
          description: sql`excluded.description`,
          brand: sql`excluded.brand`,
          categoryId: sql`excluded.category_id`,
          priceAmount: sql`excluded.price_amount`,
          currency: sql`excluded.currency`,
          updatedAt: sql`excluded.updated_at`,
        },
        // Ties go to the later delivery: two changes within one millisecond are not ordered otherwise.
        setWhere: sql`${searchDocuments.updatedAt} <= excluded.updated_at`,
      });
  }

  /** Removes the product and remembers that it is gone. */
  async remove(productId: string, deletedAt: Date): Promise<void> {
    await this.db.insert(deletedProducts).values({ productId, deletedAt }).onConflictDoNothing();
    await this.db.delete(searchDocuments).where(eq(searchDocuments.productId, productId));
  }

  /** Runs `run` in a transaction where `<%` uses NAME_SIMILARITY_THRESHOLD (a setting local to it). */
  private withNameThreshold<T>(run: (tx: Executor<typeof schema>) => Promise<T>): Promise<T> {
    return inTransaction(this.db, async (tx) => {
      await tx.execute(
        sql`select set_config('pg_trgm.word_similarity_threshold', ${String(NAME_SIMILARITY_THRESHOLD)}, true)`,
      );
      return run(tx);
    });
  }
}
