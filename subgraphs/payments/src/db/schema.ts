import { MAX_MONEY_AMOUNT } from '@agora/subgraph-kit';
import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every status a payment can have; the state machine is in payment-status.ts. */
export const PAYMENT_STATUSES = ['AUTHORIZED', 'CAPTURED', 'VOIDED', 'REFUNDED', 'DECLINED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * One card payment per order. Only the last four digits and the brand of the card
 * are kept: there is deliberately no column that could hold a card number or CVC.
 * The checks hold whatever the code does.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Unique: the idempotency key of authorizePayment (one payment per order).
    orderId: text('order_id').notNull().unique('payments_order_id_unique'),
    userId: text('user_id').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: PAYMENT_STATUSES }).notNull(),
    last4: text('last4').notNull(),
    brand: text('brand').notNull(),
    processorReference: text('processor_reference'),
    declineReason: text('decline_reason'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    check(
      'payments_status_known',
      sql`${table.status} in ('AUTHORIZED', 'CAPTURED', 'VOIDED', 'REFUNDED', 'DECLINED')`,
    ),
    check('payments_amount_within_bound', sql`${table.amount} between 0 and ${sql.raw(String(MAX_MONEY_AMOUNT))}`),
    check('payments_currency_iso', sql`${table.currency} ~ '^[A-Z]{3}$'`),
    check('payments_last4_digits', sql`${table.last4} ~ '^[0-9]{4}$'`),
    // A declined payment says why; no other status has a reason.
    check('payments_decline_reason', sql`(${table.status} = 'DECLINED') = (${table.declineReason} is not null)`),
  ],
);

export type PaymentRow = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;

/** Payment events waiting for the relay, written in the transactions that change payments. */
export { outbox } from '@agora/events';
