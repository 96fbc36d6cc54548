import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** The most units of one product a cart line may hold. */
export const MAX_LINE_QUANTITY = 99;

/**
 * One cart per user, created on the first add. `user_id` is text: it is the
 * identity the router vouches for, whatever form the accounts service gives it.
 * `currency` is the ISO-4217 currency the shopper chose by putting the first product
 * into the empty cart: every line is bought in it (see pricing.ts). It is null while
 * the cart has no lines, and set again by the next first product.
 * `checkout_key` and `checkout_expires_at` are the checkout lock (see
 * cart-checkout.ts): the idempotency key of the checkout holding the cart and when
 * that hold lapses; both null while no checkout holds it.
 */
export const carts = pgTable(
  'carts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id').notNull().unique('carts_user_id_unique'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    currency: text('currency'),
    checkoutKey: text('checkout_key'),
    checkoutExpiresAt: timestamp('checkout_expires_at', { withTimezone: true }),
  },
  (table) => [
    check('carts_currency_iso_4217', sql`${table.currency} ~ '^[A-Z]{3}$'`),
    check('carts_checkout_lock_whole', sql`(${table.checkoutKey} is null) = (${table.checkoutExpiresAt} is null)`),
  ],
);

/**
 * The checkouts that took their lines out of a cart, by key: completing one again
 * changes nothing, and its key can never lock the cart again.
 */
export const completedCheckouts = pgTable(
  'completed_checkouts',
  {
    cartId: uuid('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    checkoutKey: text('checkout_key').notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.cartId, table.checkoutKey] })],
);

/**
 * A product in a cart and how many. No price is stored: the catalog's current price
 * is the price. The check keeps a line within 1..99 whatever the code does; the
 * unique (cart_id, product_id) index also serves the lookup of a cart's lines.
 */
export const cartItems = pgTable(
  'cart_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cartId: uuid('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    productId: text('product_id').notNull(),
    quantity: integer('quantity').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('cart_items_cart_product_unique').on(table.cartId, table.productId),
    check(
      'cart_items_quantity_between_1_and_99',
      sql`${table.quantity} between 1 and ${sql.raw(String(MAX_LINE_QUANTITY))}`,
    ),
  ],
);

export type CartItemRow = typeof cartItems.$inferSelect;

/** What a cart holds: its lines, oldest first, and the currency they are bought in. */
export interface CartContents {
  /**
   * The currency the shopper chose: that of the first product they put into the empty
   * cart. Null while the cart is empty, and in a cart from before Agora recorded it.
   */
  currency: string | null;
  lines: CartItemRow[];
}
