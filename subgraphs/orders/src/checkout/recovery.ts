import type { Logger } from '@agora/subgraph-kit';
import type { OrderRepository } from '../order.repository';
import { settleCart } from './cart-settlement';
import { failures } from './failures';
import type { CheckoutOutcomes } from './outcomes';
import type { CheckoutPorts } from './ports';
import { releaseReservation, restockOrder, undoPayment } from './steps';

export interface RecoveryOptions {
  orders: OrderRepository;
  ports: CheckoutPorts;
  log: Logger;
  /** A PENDING order untouched this long is a checkout whose process stopped (well past every timeout). */
  stalledAfterMs: number;
  /** Counts each stalled checkout it fails (for /metrics). */
  outcomes?: CheckoutOutcomes;
}

/** What one recovery pass did. */
export interface RecoveryOutcome {
  /** Stalled checkouts undone and failed. */
  failed: number;
  /** Orders whose cart was let go of (taken out for a placed order, left for a failed one). */
  settled: number;
}

const BATCH = 100;

/**
 * Finishes checkouts that stopped half-way (the orders process died between steps).
 * A PENDING order untouched for `stalledAfterMs` has its payment voided or refunded,
 * its stock released or restocked, and is FAILED, so no order stays PENDING with money
 * or stock held. Then every order past PENDING whose checkout had not let go of its
 * cart settles it: a placed order takes its lines out, a failed one leaves the cart as
 * it was, and the cart's lock ends before it would lapse. Every call is idempotent, so
 * a pass that itself stops is simply run again.
 */
export async function recoverCheckouts(options: RecoveryOptions, now = new Date()): Promise<RecoveryOutcome> {
  const failed = await failStalledCheckouts(options, now);
  let settled = 0;
  for (const order of await options.orders.unsettledCarts(BATCH)) {
    if (await settleCart(order, options)) settled += 1;
  }
  return { failed, settled };
}

async function failStalledCheckouts(options: RecoveryOptions, now: Date): Promise<number> {
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
      options.outcomes?.failed(code);
      options.log.warn({ orderId: order.id }, 'checkout: stalled checkout undone and failed');
    }
  }
  return recovered;
}
