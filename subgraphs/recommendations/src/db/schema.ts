import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

// The events this consumer has applied (see @agora/events): each event counts once.
export { handledEvents } from '@agora/events';

/**
 * The category of every product the catalog has announced (ProductChanged), or the
 * demo seed has. `listed_at` is when the product was first seen: the tie-break
 * (newest first) while sales are equal, e.g. on day one when nothing has sold.
 * `changed_at` is the time of the change applied last, so an older ProductChanged
 * delivered late does not undo a newer one.
 */
export const productCategories = pgTable(
  'product_categories',
  {
    productId: text('product_id').primaryKey(),
    categoryId: text('category_id').notNull(),
    listedAt: timestamp('listed_at', { withTimezone: true }).notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('product_categories_category_idx').on(table.categoryId)],
);

/**
 * Products the catalog deleted (ProductDeleted). Their sales and co-purchases stay,
 * so a later OrderCancelled still subtracts exactly what its OrderPlaced added, but
 * they are never recommended again (the catalog could not resolve them).
 */
export const deletedProducts = pgTable('deleted_products', {
  productId: text('product_id').primaryKey(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull(),
});

/** The lines of every placed order not cancelled: what OrderCancelled subtracts, and what a user bought. */
export const orderLines = pgTable(
  'order_lines',
  {
    orderId: text('order_id').notNull(),
    userId: text('user_id').notNull(),
    productId: text('product_id').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.orderId, table.productId] }),
    index('order_lines_user_idx').on(table.userId, table.productId),
  ],
);

/**
 * Orders cancelled. An OrderCancelled handled before its OrderPlaced (two deliveries
 * at once) leaves its mark here, so the late OrderPlaced adds nothing.
 */
export const cancelledOrders = pgTable('cancelled_orders', {
  orderId: text('order_id').primaryKey(),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }).notNull(),
});

/** Units sold per product over the orders not cancelled. */
export const productSales = pgTable(
  'product_sales',
  {
    productId: text('product_id').primaryKey(),
    units: integer('units').notNull(),
  },
  (table) => [check('product_sales_units_not_negative', sql`${table.units} >= 0`)],
);

/**
 * How many orders (not cancelled) held both products. Kept in both directions,
 * (a, b) and (b, a), so "bought with a" is one index range.
 */
export const coPurchases = pgTable(
  'co_purchases',
  {
    productId: text('product_id').notNull(),
    otherProductId: text('other_product_id').notNull(),
    orders: integer('orders').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.productId, table.otherProductId] }),
    check('co_purchases_orders_not_negative', sql`${table.orders} >= 0`),
  ],
);
