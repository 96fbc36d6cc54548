import type { OrdersTx } from './db';
import type { OrderRow } from './db/schema';

export type OrderEventType = 'OrderPlaced' | 'OrderConfirmed' | 'OrderCancelled';

/** An integration event about an order, as of the status change that raised it. */
export interface OrderEvent {
  type: OrderEventType;
  order: OrderRow;
}

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
 * TODO(outbox): replace with packages/events' outbox writer once it lands
 * (`createOrdersService({ events })` already takes one). Until then nothing is
 * published; the order rows themselves are the record.
 */
export const eventsNotRecordedYet: OrderEventRecorder = {
  record: () => Promise.resolve(),
};
