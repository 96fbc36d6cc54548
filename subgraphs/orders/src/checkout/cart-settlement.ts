import type { OrderRow } from '../db/schema';
import type { OrderRepository } from '../order.repository';
import { bestEffort, type Compensation } from './steps';

/** What settling a cart needs: the services, and the orders to read the lines from and record it on. */
export type Settlement = Omit<Compensation, 'order'> & { orders: OrderRepository };

/** The cart lines an order took, as completeCheckout wants them. */
async function orderedCartLines(orders: OrderRepository, orderId: string) {
  const items = (await orders.itemsByOrderIds([orderId])).get(orderId) ?? [];
  return items.flatMap(({ cartItemId, quantity }) => (cartItemId ? [{ itemId: cartItemId, quantity }] : []));
}

/**
 * Lets go of the cart an order's checkout locked, once the order is past PENDING: an
 * order that was placed (CONFIRMED, or CANCELLED after it) takes exactly its lines
 * out of the cart (completeCheckout), a FAILED one leaves the cart as it was
 * (releaseCheckout); then the order records it (`cart_settled_at`). Best effort: a
 * failure is logged and the order stays unsettled for the recovery sweep, which calls
 * this again (both cart calls are idempotent). Returns whether the cart is settled now.
 */
export async function settleCart(order: OrderRow, settlement: Settlement): Promise<boolean> {
  if (order.cartSettledAt) return true;
  if (order.status === 'PENDING') return false;
  const { orders, ports, requestId } = settlement;
  const run = { ...settlement, order };
  const { userId, idempotencyKey } = order;
  const letGo =
    order.status === 'FAILED'
      ? () => ports.cart.releaseCheckout(userId, idempotencyKey, { requestId })
      : async () =>
          ports.cart.completeCheckout(userId, idempotencyKey, await orderedCartLines(orders, order.id), { requestId });
  const step = order.status === 'FAILED' ? 'releaseCheckout' : 'completeCheckout';
  const settled = await bestEffort(run, step, async () => {
    await letGo();
    await orders.markCartSettled(order.id);
    return true;
  });
  return settled === true;
}
