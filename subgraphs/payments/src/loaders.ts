import DataLoader from 'dataloader';
import type { PaymentRow } from './db/schema';
import type { PaymentRepository } from './payment.repository';

export interface Loaders {
  paymentById: DataLoader<string, PaymentRow | null>;
  /** The payment of each order (null when none): one query for any number of orders. */
  paymentByOrderId: DataLoader<string, PaymentRow | null>;
}

/** Created per request: a cache must never outlive one caller's request. */
export function createLoaders(payments: PaymentRepository): Loaders {
  return {
    paymentById: new DataLoader(async (ids) => {
      const found = await payments.byIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    paymentByOrderId: new DataLoader(async (orderIds) => {
      const found = await payments.byOrderIds(orderIds);
      return orderIds.map((orderId) => found.get(orderId) ?? null);
    }),
  };
}

/** After a write, later reads in the same request see the new row. */
export function primePayment(loaders: Loaders, payment: PaymentRow): PaymentRow {
  loaders.paymentById.clear(payment.id).prime(payment.id, payment);
  loaders.paymentByOrderId.clear(payment.orderId).prime(payment.orderId, payment);
  return payment;
}
