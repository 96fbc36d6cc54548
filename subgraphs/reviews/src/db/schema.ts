import { sql } from 'drizzle-orm';
import { check, index, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/**
 * Reviews of catalog products by accounts users (ids only: those rows live in other
 * services). Timestamps keep millisecond precision so a cursor made from a JS Date
 * compares exactly with the stored value.
 */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: text('product_id').notNull(),
    authorId: text('author_id').notNull(),
    rating: smallint('rating').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    check('reviews_rating_between_1_and_5', sql`${table.rating} between 1 and 5`),
    // One review per user and product, whatever races the application has.
    unique('reviews_product_author_unique').on(table.productId, table.authorId),
    // Both match the lists' `order by created_at desc, id desc` exactly; plain `desc`
    // sorts nulls first, so the index must too or the planner will not use its order.
    index('reviews_product_page_idx').on(
      table.productId,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    index('reviews_author_page_idx').on(
      table.authorId,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
  ],
);

export type ReviewRow = typeof reviews.$inferSelect;
export type NewReview = typeof reviews.$inferInsert;
