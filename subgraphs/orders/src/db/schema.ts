import { MAX_MONEY_AMOUNT } from '@agora/subgraph-kit';
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'FAILED', 'CANCELLED', 'SHIPPED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const CHECKOUT_FAILURES = [
  'OUT_OF_STOCK',
  'PAYMENT_DECLINED',
  'INSUFFICIENT_FUNDS',
  'PAYMENT_TIMEOUT',
  'PAYMENT_ERROR',
] as const;
export type CheckoutFailure = (typeof CHECKOUT_FAILURES)[number];

/** A shipping address as the order keeps it (a copy: later address-book edits do not change it). */
export interface ShippingAddress {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  country: string;
}

const inList = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));
const maxMoney = sql.raw(String(MAX_MONEY_AMOUNT));

/**
 * Orders of accounts users (the user id only: users live in accounts). Timestamps
 * keep millisecond precision so a cursor made from a JS Date compares exactly.
 * The (user, idempotency key) pair is unique: two identical checkouts racing each
 * other make one order, whatever the application does. Amounts stay within the money
 * bound every service shares (MAX_MONEY_AMOUNT), so a line total or the order's total
 * never overflows.
 */
export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id').notNull(),
    status: text('status').$type<OrderStatus>().notNull(),
    totalAmount: integer('total_amount').notNull(),
    currency: text('currency').notNull(),
    shippingAddress: jsonb('shipping_address').$type<ShippingAddress>().notNull(),
    failureCode: text('failure_code').$type<CheckoutFailure>(),
    failureReason: text('failure_reason'),
    idempotencyKey: text('idempotency_key').notNull(),
    /** sha256 of the checkout input without the card number and CVC (see checkout/input.ts). */
    requestHash: text('request_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /**
     * When the checkout let go of the cart it locked: took the ordered lines out
     * (confirmed) or left them (failed). Null until then; the recovery sweep settles
     * the carts a stopped process left.
     */
    cartSettledAt: timestamp('cart_settled_at', { withTimezone: true, precision: 3 }),
  },
  (table) => [
    check('orders_status_known', sql`${table.status} in (${inList(ORDER_STATUSES)})`),
    check('orders_failure_code_known', sql`${table.failureCode} in (${inList(CHECKOUT_FAILURES)})`),
    check('orders_total_within_bound', sql`${table.totalAmount} between 0 and ${maxMoney}`),
    unique('orders_user_idempotency_key_unique').on(table.userId, table.idempotencyKey),
    // Matches the list's `order by created_at desc, id desc` (plain desc sorts nulls first).
    index('orders_user_page_idx').on(table.userId, table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst()),
    // The recovery sweep's look-up: few rows, however many orders there are.
    index('orders_cart_unsettled_idx')
      .on(table.updatedAt)
      .where(sql`${table.cartSettledAt} is null`),
  ],
);

/** The lines of an order, with the name and price as they were at checkout. */
export const orderItems = pgTable(
  'order_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    productId: text('product_id').notNull(),
    productName: text('product_name').notNull(),
    quantity: integer('quantity').notNull(),
    unitAmount: integer('unit_amount').notNull(),
    currency: text('currency').notNull(),
    /** The cart line it was ordered from (what checkout takes out of the cart); null for orders placed before. */
    cartItemId: text('cart_item_id'),
  },
  (table) => [
    check('order_items_quantity_positive', sql`${table.quantity} > 0`),
    check('order_items_unit_amount_within_bound', sql`${table.unitAmount} between 0 and ${maxMoney}`),
    index('order_items_order_idx').on(table.orderId),
  ],
);

export type OrderRow = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;
export type OrderItemRow = typeof orderItems.$inferSelect;
export type NewOrderItem = typeof orderItems.$inferInsert;

/** Order events waiting for the relay, written in the transactions that change orders (see order-events.ts). */
export { outbox } from '@agora/events';
