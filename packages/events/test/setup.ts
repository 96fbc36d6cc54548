import { randomBytes } from 'node:crypto';
import { eventRecorder, type EventPayload } from '../src';

export const recordEvent = eventRecorder('orders');

export function orderPlaced(orderId = randomBytes(4).toString('hex')): EventPayload<'OrderPlaced'> {
  return {
    orderId,
    userId: 'user-1',
    items: [{ productId: 'product-1', quantity: 2, unitPrice: { amount: 1250, currency: 'EUR' } }],
    total: { amount: 2500, currency: 'EUR' },
  };
}
