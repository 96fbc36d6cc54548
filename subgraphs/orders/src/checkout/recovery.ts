import type { Logger } from '@agora/subgraph-kit';
import type { OrdersRepository } from '../orders.repository';
import { failures } from './failures';
import type { CheckoutPorts } from './ports';
import { releaseReservation, restockOrder, undoPayment } from './steps';

export interface RecoveryOptions {
  orders: OrdersRepository;
  ports: CheckoutPorts;
  log: Logger;
  /** A PENDING order untouched this long is a checkout whose process stopped (well past every timeout). */
  stalledAfterMs: number;
}

const BATCH = 100;

/**
 * Undoes checkouts that stopped half-way (the orders process died between steps):
 * the payment is voided or refunded, the stock released or restocked, and the order
 * FAILED, so no order stays PENDING with money or stock held. Every call is
 * idempotent, so a sweep that itself stops is simply run again. Returns how many
 * orders it failed.
 */
export async function recoverStalledCheckouts(options: RecoveryOptions, now = new Date()): Promise<number> {
  const stalled = await options.orders.stalledPending(new Date(now.getTime() - options.stalledAfterMs), BATCH);
  let recovered = 0;
  for (const order of stalled) {
    const run = { order, ports: options.ports, log: options.log };
    await undoPayment(run);
    // Whichever state the reservation reached: a held one is released, a committed one restocked.
    await releaseReservation(run);
    await restockOrder(run);
    const { code, reason } = failures.interrupted();
    const failed = await options.orders.transition(order.id, ['PENDING'], {
      status: 'FAILED',
      failureCode: code,
      failureReason: reason,
    });
    if (failed) {
      recovered += 1;
      options.log.warn({ orderId: order.id }, 'checkout: stalled checkout undone and failed');
    }
  }
  return recovered;
}
