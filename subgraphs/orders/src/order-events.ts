import { eventRecorder } from '@agora/events';
import type { Executor } from '@agora/postgres';
import type { schema } from './db';
import type { OrderItemRow, OrderRow } from './db/schema';

/** Why a customer's own cancellation ended an order (OrderCancelled's reason). */
export const CANCELLED_BY_CUSTOMER = 'cancelled by customer';

/** What a status change asks the repository to record along with it. */
export type OrderStatusEvent = { type: 'OrderConfirmed' } | { type: 'OrderCancelled'; reason: string };

/**
 * An integration event about an order, as of the change that raised it. OrderPlaced
 * carries the lines, which the events catalog's OrderPlaced payload lists.
 */
type OrderEvent =
  | { type: 'OrderPlaced'; order: OrderRow; items: OrderItemRow[] }
  | { type: 'OrderConfirmed'; order: OrderRow }
  | { type: 'OrderCancelled'; order: OrderRow; reason: string };

/**
 * Where order events are recorded: INSIDE the transaction that changes the order's
 * status, so an event exists exactly when the change does (transactional outbox).
 * The repository records OrderPlaced and OrderConfirmed with the confirmation (an
 * order that fails is never placed, as far as other services know) and
 * OrderCancelled with the cancellation.
 */
export interface OrderEventRecorder {
  record(tx: Executor<typeof schema>, event: OrderEvent): Promise<void>;
}

const recordEvent = eventRecorder('orders');

/** The order events as the events catalog defines their payloads, written to the orders outbox. */
export const outboxOrderEvents: OrderEventRecorder = {
  async record(tx, event) {
    const { id: orderId, userId } = event.order;
    switch (event.type) {
      case 'OrderPlaced':
        await recordEvent(tx, 'OrderPlaced', {
          orderId,
          userId,
          items: event.items.map((item) => ({
            productId: item.productId,
            quantity: item.quantity,
            unitPrice: { amount: item.unitAmount, currency: item.currency },
          })),
          total: { amount: event.order.totalAmount, currency: event.order.currency },
        });
        return;
      case 'OrderConfirmed':
        await recordEvent(tx, 'OrderConfirmed', { orderId, userId });
        return;
      case 'OrderCancelled':
        await recordEvent(tx, 'OrderCancelled', { orderId, userId, reason: event.reason });
        return;
    }
  },
};
