import { randomUUID } from 'node:crypto';
import { fakeServices, type FakeServices } from './fake-ports';
import { newCustomer, silentLog, startOrders, type OrdersHarness } from './setup';

// The fakes stand for the cart's, inventory's and payments' answers; the orders database is real.
let services: FakeServices;
let orders: OrdersHarness;
beforeAll(async () => {
  services = fakeServices();
  orders = await startOrders(services.ports);
});
afterAll(() => orders.stop());
beforeEach(() => services.cart.failing.clear());

const recovery = { stalledAfterMs: 60_000, log: silentLog };
const later = () => new Date(Date.now() + 120_000);

/** A user whose cart holds two lamps, locked by the checkout `key` (as beginCheckout left it). */
async function lockedCart(key: string) {
  const userId = newCustomer().userId;
  const [line] = services.cart.fill(userId, [
    { productId: 'p-lamp', quantity: 2, unitPrice: { amount: 1000, currency: 'EUR' } },
  ]);
  await services.cart.beginCheckout(userId, key);
  return { userId, itemId: line?.itemId as string };
}

/** A PENDING order whose checkout got as far as `stage` before its process stopped. */
async function stalledCheckout(stage: 'authorized' | 'captured') {
  const key = `key-${randomUUID()}`;
  const { userId, itemId } = await lockedCart(key);
  const order = await orders.insertOrder({ userId, idempotencyKey: key, status: 'PENDING' }, [
    { productId: 'p-lamp', quantity: 2, cartItemId: itemId },
  ]);
  services.inventory.stock.set('p-lamp', 10);
  await services.inventory.reserveStock(order.id, [{ productId: 'p-lamp', quantity: 2 }]);
  await services.payments.authorizePayment({
    orderId: order.id,
    amount: 2000,
    card: { cardNumber: '4242424242424242' },
  });
  if (stage === 'captured') {
    await services.inventory.commitReservation(order.id);
    await services.payments.capturePayment(order.id);
  }
  return order;
}

/** An order the saga finished (`status`) but whose process stopped before it let go of the cart. */
async function unsettledOrder(status: 'CONFIRMED' | 'FAILED') {
  const key = `key-${randomUUID()}`;
  const { userId, itemId } = await lockedCart(key);
  const order = await orders.insertOrder({ userId, idempotencyKey: key, status, cartSettledAt: null }, [
    { productId: 'p-lamp', quantity: 2, cartItemId: itemId },
  ]);
  return { order, userId };
}

describe('recovering checkouts that stopped half-way', () => {
  it('voids the authorization, releases the stock, fails the order and leaves the cart as it was', async () => {
    const order = await stalledCheckout('authorized');
    expect(await orders.recover(recovery, later())).toEqual({ failed: 1, settled: 1 });
    expect(await orders.repository.byId(order.id)).toMatchObject({
      status: 'FAILED',
      failureReason: expect.stringMatching(/interrupted/),
      cartSettledAt: expect.any(Date),
    });
    expect(services.payments.statusOf(order.id)).toBe('VOIDED');
    expect(services.inventory.reservations.get(order.id)?.status).toBe('RELEASED');
    expect(services.inventory.stock.get('p-lamp')).toBe(10);
    expect(services.cart.locks.has(order.userId)).toBe(false);
    expect(services.cart.lines.get(order.userId)).toEqual([expect.objectContaining({ quantity: 2 })]);
  });

  it('refunds a captured payment and restocks committed units', async () => {
    const order = await stalledCheckout('captured');
    expect(await orders.recover(recovery, later())).toEqual({ failed: 1, settled: 1 });
    expect((await orders.repository.byId(order.id))?.status).toBe('FAILED');
    expect(services.payments.statusOf(order.id)).toBe('REFUNDED');
    expect(services.inventory.reservations.get(order.id)?.status).toBe('RESTOCKED');
    expect(services.inventory.stock.get('p-lamp')).toBe(10);
  });

  it('leaves a checkout still within its time and finished orders alone', async () => {
    const running = await stalledCheckout('authorized');
    const confirmed = await orders.insertOrder({ userId: newCustomer().userId, status: 'CONFIRMED' });
    expect(await orders.recover(recovery, new Date())).toEqual({ failed: 0, settled: 0 });
    expect((await orders.repository.byId(running.id))?.status).toBe('PENDING');
    expect(services.payments.statusOf(running.id)).toBe('AUTHORIZED');
    expect(services.cart.locks.get(running.userId)).toBe(running.idempotencyKey);
    expect((await orders.repository.byId(confirmed.id))?.status).toBe('CONFIRMED');
  });
});

describe('settling the carts of checkouts that stopped before they let go of them', () => {
  it('takes the ordered lines out of the cart of a confirmed order, keeping what was added, once', async () => {
    const { order, userId } = await unsettledOrder('CONFIRMED');
    const [ordered] = services.cart.lines.get(userId) ?? [];
    services.cart.lines.set(userId, [
      { ...ordered!, quantity: 3 },
      {
        itemId: 'item-later',
        productId: 'p-vase',
        quantity: 1,
        available: true,
        unitPrice: { amount: 500, currency: 'EUR' },
      },
    ]);

    expect(await orders.recover(recovery)).toEqual({ failed: 0, settled: 1 });
    expect(services.cart.lines.get(userId)).toEqual([
      expect.objectContaining({ productId: 'p-lamp', quantity: 1 }),
      expect.objectContaining({ productId: 'p-vase', quantity: 1 }),
    ]);
    expect(services.cart.locks.has(userId)).toBe(false);
    expect((await orders.repository.byId(order.id))?.cartSettledAt).toEqual(expect.any(Date));

    expect(await orders.recover(recovery)).toEqual({ failed: 0, settled: 0 });
    expect(services.cart.lines.get(userId)).toHaveLength(2);
  });

  it('frees the cart of a failed order and leaves its lines as they were', async () => {
    const { order, userId } = await unsettledOrder('FAILED');
    expect(await orders.recover(recovery)).toEqual({ failed: 0, settled: 1 });
    expect(services.cart.lines.get(userId)).toEqual([expect.objectContaining({ quantity: 2 })]);
    expect(services.cart.locks.has(userId)).toBe(false);
    expect((await orders.repository.byId(order.id))?.cartSettledAt).toEqual(expect.any(Date));
  });

  it('tries again on the next pass when the cart does not answer', async () => {
    const { order, userId } = await unsettledOrder('CONFIRMED');
    services.cart.failing.add('completeCheckout');
    expect(await orders.recover(recovery)).toEqual({ failed: 0, settled: 0 });
    expect((await orders.repository.byId(order.id))?.cartSettledAt).toBeNull();
    expect(services.cart.locks.get(userId)).toBe(order.idempotencyKey);

    services.cart.failing.clear();
    expect(await orders.recover(recovery)).toEqual({ failed: 0, settled: 1 });
    expect(services.cart.lines.get(userId)).toEqual([]);
  });
});
