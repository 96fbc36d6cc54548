import type { Executor } from '@agora/postgres';
import { sql, type SQL } from 'drizzle-orm';
import type { schema } from './db';

/** Product ids ranked for each owner (a product or a user), best first. */
export type Rankings = Map<string, string[]>;

/** A ranked row: the product or user it is for, and the product recommended. */
interface RankedRow extends Record<string, unknown> {
  owner: string;
  product_id: string;
}

/**
 * Every product that may be recommended with its units sold and when it was listed:
 * those that sold and those the catalog announced, minus the deleted ones.
 */
const SELLABLE = sql`(
  select coalesce(s.product_id, pc.product_id) as product_id, coalesce(s.units, 0) as units, pc.listed_at
  from product_sales s full join product_categories pc on pc.product_id = s.product_id
  where not exists (select 1 from deleted_products d where d.product_id = coalesce(s.product_id, pc.product_id))
)`;

/**
 * Best sellers first; among equal sales (every product on day one) the newest, then
 * by id so the order is stable. Over SELLABLE aliased `p`.
 */
const BEST_SELLER_ORDER = sql`p.units desc, p.listed_at desc nulls last, p.product_id`;

/** Reads of the read model. Each method is one SQL statement, whatever the number of owners. */
export class RecommendationRepository {
  constructor(private readonly db: Executor<typeof schema>) {}

  /** For each product, up to `limit` products bought with it, most often together first. */
  coPurchased(productIds: readonly string[], limit: number): Promise<Rankings> {
    return this.ranked(sql`select owner, product_id from (
      select c.product_id as owner, c.other_product_id as product_id,
        row_number() over (
          partition by c.product_id order by c.orders desc, coalesce(s.units, 0) desc, c.other_product_id
        ) as rank
      from co_purchases c left join product_sales s on s.product_id = c.other_product_id
      where c.product_id = any(${textArray(productIds)}) and c.orders > 0
        and not exists (select 1 from deleted_products d where d.product_id = c.other_product_id)
    ) ranked where rank <= ${limit} order by owner, rank`);
  }

  /** For each product, up to `limit` best sellers of its category, the product itself left out. */
  categoryBestSellers(productIds: readonly string[], limit: number): Promise<Rankings> {
    return this.ranked(sql`select owner, product_id from (
      select requested.product_id as owner, p.product_id,
        row_number() over (partition by requested.product_id order by ${BEST_SELLER_ORDER}) as rank
      from product_categories requested
      join product_categories pc on pc.category_id = requested.category_id and pc.product_id <> requested.product_id
      join ${SELLABLE} p on p.product_id = pc.product_id
      where requested.product_id = any(${textArray(productIds)})
    ) ranked where rank <= ${limit} order by owner, rank`);
  }

  /** The `limit` best sellers overall. */
  async bestSellers(limit: number): Promise<string[]> {
    const result = await this.db.execute<{ product_id: string }>(
      sql`select product_id from ${SELLABLE} p order by ${BEST_SELLER_ORDER} limit ${limit}`,
    );
    return result.rows.map((row) => row.product_id);
  }

  /**
   * For each user, up to `limit` products bought with what they bought (summed over
   * their purchases), leaving out everything they bought.
   */
  coPurchasedForUsers(userIds: readonly string[], limit: number): Promise<Rankings> {
    return this.ranked(sql`select owner, product_id from (
      select bought.user_id as owner, c.other_product_id as product_id,
        row_number() over (partition by bought.user_id order by sum(c.orders) desc, c.other_product_id) as rank
      from (select distinct user_id, product_id from order_lines where user_id = any(${textArray(userIds)})) bought
      join co_purchases c on c.product_id = bought.product_id and c.orders > 0
      where not exists (
          select 1 from order_lines mine where mine.user_id = bought.user_id and mine.product_id = c.other_product_id
        )
        and not exists (select 1 from deleted_products d where d.product_id = c.other_product_id)
      group by bought.user_id, c.other_product_id
    ) ranked where rank <= ${limit} order by owner, rank`);
  }

  /** For each user, the `limit` best sellers overall they have not bought. */
  bestSellersForUsers(userIds: readonly string[], limit: number): Promise<Rankings> {
    return this.ranked(sql`select u.user_id as owner, top.product_id
      from unnest(${textArray(userIds)}) with ordinality as u(user_id, n)
      cross join lateral (
        select p.product_id, row_number() over (order by ${BEST_SELLER_ORDER}) as rank
        from ${SELLABLE} p
        where not exists (select 1 from order_lines mine where mine.user_id = u.user_id and mine.product_id = p.product_id)
        order by ${BEST_SELLER_ORDER} limit ${limit}
      ) top
      order by u.user_id, top.rank`);
  }

  private async ranked(query: SQL): Promise<Rankings> {
    const result = await this.db.execute<RankedRow>(query);
    const rankings: Rankings = new Map();
    for (const row of result.rows) {
      const list = rankings.get(row.owner);
      if (list) list.push(row.product_id);
      else rankings.set(row.owner, [row.product_id]);
    }
    return rankings;
  }
}

/** One array parameter (not one parameter per id), so the statement text is the same for 5 ids as for 50. */
function textArray(values: readonly string[]): SQL {
  return sql`${sql.param([...values])}::text[]`;
}
