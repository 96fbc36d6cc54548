import { badUserInput, decodeCursor, encodeCursor } from '@agora/subgraph-kit';
import { isOrderId, type OrderPosition } from './orders.repository';

/** The cursor of an order in a newest-first list: its creation time and id. */
export function orderCursor(order: OrderPosition): string {
  return encodeCursor([order.createdAt.toISOString(), order.id]);
}

/** The position an `after` cursor points at; BAD_USER_INPUT when it is not one of ours. */
export function decodeOrderCursor(cursor: string, field = 'after'): OrderPosition {
  const [createdAt, id] = decodeCursor(cursor, 2, field);
  const date = typeof createdAt === 'string' ? new Date(createdAt) : null;
  if (!date || Number.isNaN(date.getTime()) || typeof id !== 'string' || !isOrderId(id)) {
    throw badUserInput(`${field}: is not a valid cursor`, field);
  }
  return { createdAt: date, id };
}
