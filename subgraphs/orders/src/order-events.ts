import type { OrdersTx } from './db';
import type { OrderItemRow, OrderRow } from './db/schema';

/** An event raised by a status update (the order row is all it needs). */
export type OrderStatusEventType = 'OrderConfirmed' | 'OrderCancelled';

/**
 * An integration event about an order, as of the change that raised it. OrderPlaced
 * carries the lines, which packages/events' OrderPlaced payload lists.
 */
export type OrderEvent =
  { type: 'OrderPlaced'; order: OrderRow; items: OrderItemRow[] } | { type: OrderStatusEventType; order: OrderRow };

/**
 * Where order events are recorded: INSIDE the transaction that changes the order's
 * status, so an event exists exactly when the change does (transactional outbox).
 * The repository calls `record` at each of those changes: OrderPlaced when the
 * PENDING order is inserted, OrderConfirmed and OrderCancelled with their status
 * updates.
 */
export interface OrderEventRecorder {
  record(tx: OrdersTx, event: OrderEvent): Promise<void>;
}

/**
 * TODO(outbox): replace with packages/events' `eventRecorder('orders')` (re-export
 * its `outbox` table from db/schema.ts, add the migration, run its relay from
 * index.ts); `createOrdersService({ events })` already takes the replacement.
 * Until then nothing is published; the order rows themselves are the record.
 */
export const eventsNotRecordedYet: OrderEventRecorder = {
  record: () => Promise.resolve(),
};
