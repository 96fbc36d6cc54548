import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export { handledEvents } from '@agora/events';

const NOTIFICATION_KINDS = ['ORDER_CONFIRMED', 'ORDER_CANCELLED'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

const DELIVERY_STATUSES = ['sent', 'failed'] as const;
type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));

/**
 * Notices to accounts users (the user id only: users live in accounts). Timestamps
 * keep millisecond precision so a cursor made from a JS Date compares exactly.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id').notNull(),
    kind: text('kind').$type<NotificationKind>().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    orderId: text('order_id'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true, precision: 3 }),
  },
  (table) => [
    check('notifications_kind_known', sql`${table.kind} in (${inList(NOTIFICATION_KINDS)})`),
    // Matches the list's `order by created_at desc, id desc` (plain desc sorts nulls first).
    index('notifications_user_page_idx').on(
      table.userId,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
  ],
);

/**
 * Each attempt to send a notification out on a channel, so what was mailed (or
 * why it could not be) is on record. One delivery per notification and channel.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    channel: text('channel').$type<'email'>().notNull(),
    status: text('status').$type<DeliveryStatus>().notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }),
    error: text('error'),
  },
  (table) => [
    primaryKey({ columns: [table.notificationId, table.channel] }),
    check('deliveries_channel_known', sql`${table.channel} in ('email')`),
    check('deliveries_status_known', sql`${table.status} in (${inList(DELIVERY_STATUSES)})`),
    // A sent delivery says when; a failed one says why.
    check(
      'deliveries_sent_or_failed',
      sql`(${table.status} = 'sent' and ${table.sentAt} is not null) or (${table.status} = 'failed' and ${table.error} is not null)`,
    ),
  ],
);

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type NewDelivery = typeof deliveries.$inferInsert;
