import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Units on hand per product. The check keeps stock from going negative whatever the code does. */
export const stockLevels = pgTable(
  'stock_levels',
  {
    productId: text('product_id').primaryKey(),
    quantity: integer('quantity').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check('stock_levels_quantity_not_negative', sql`${table.quantity} >= 0`)],
);

/** Every change of a stock level, for audit. */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: text('product_id').notNull(),
    delta: integer('delta').notNull(),
    quantityAfter: integer('quantity_after').notNull(),
    reason: text('reason').notNull(),
    actorId: text('actor_id'),
    /** The order a reservation movement belongs to (null for admin changes and seeding). */
    orderId: text('order_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('stock_movements_product_idx').on(table.productId, table.createdAt)],
);

export const reservationStatus = pgEnum('reservation_status', [
  'HELD',
  'COMMITTED',
  'RELEASED',
  'EXPIRED',
  'RESTOCKED',
]);

/** Units held for an order. The primary key makes a second reservation for one order impossible. */
export const reservations = pgTable(
  'reservations',
  {
    orderId: text('order_id').primaryKey(),
    status: reservationStatus('status').notNull().default('HELD'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The expiry sweep reads HELD reservations by expiry only.
  (table) => [
    index('reservations_held_expiry_idx')
      .on(table.expiresAt)
      .where(sql`${table.status} = 'HELD'`),
  ],
);

/** One product's units in a reservation. */
export const reservationLines = pgTable(
  'reservation_lines',
  {
    orderId: text('order_id')
      .notNull()
      .references(() => reservations.orderId, { onDelete: 'cascade' }),
    productId: text('product_id').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.orderId, table.productId] }),
    check('reservation_lines_quantity_positive', sql`${table.quantity} > 0`),
  ],
);

export type ReservationStatus = (typeof reservationStatus.enumValues)[number];
