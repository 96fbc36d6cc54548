import { fakeServices, type FakeServices } from './fake-ports';
import { newCustomer, silentLog, startOrders, type OrdersHarness } from './setup';

// The fakes stand for inventory's and payments' answers; the orders database is real.
let services: FakeServices;
let orders: OrdersHarness;
beforeAll(async () => {
  services = fakeServices();
  orders = await startOrders(services.ports);
});
afterAll(() => orders.stop());

const recovery = { stalledAfterMs: 60_000, log: silentLog };
const later = () => new Date(Date.now() + 120_000);

/** A PENDING order whose checkout got as far as `stage` before its process stopped. */
async function stalledCheckout(stage: 'authorized' | 'captured') {
  const order = await orders.insertOrder({ userId: newCustomer().userId, status: 'PENDING' }, [
    { productId: 'p-lamp', quantity: 2 },
  ]);
  services.inventory.stock.set('p-lamp', 10);
  await services.inventory.reserveStock(order.id, [{ productId: 'p-lamp', quantity: 2 }]);
  await services.payments.authorizePayment({ orderId: order.id, amount: 2000, card: { number: '4242424242424242' } });
  if (stage === 'captured') {
    await services.inventory.commitReservation(order.id);
    await services.payments.capturePayment(order.id);
  }
  return order;
}

describe('recovering checkouts that stopped half-way', () => {
  it('voids the authorization, releases the stock and fails the order', async () => {
    const order = await stalledCheckout('authorized');
    expect(await orders.recoverStalled(recovery, later())).toBe(1);
    expect(await orders.repository.byId(order.id)).toMatchObject({
      status: 'FAILED',
      failureReason: expect.stringMatching(/interrupted/),
    });
    expect(services.payments.statusOf(order.id)).toBe('VOIDED');
    expect(services.inventory.reservations.get(order.id)?.status).toBe('RELEASED');
    expect(services.inventory.stock.get('p-lamp')).toBe(10);
  });

  it('refunds a captured payment and restocks committed units', async () => {
    const order = await stalledCheckout('captured');
    expect(await orders.recoverStalled(recovery, later())).toBe(1);
    expect((await orders.repository.byId(order.id))?.status).toBe('FAILED');
    expect(services.payments.statusOf(order.id)).toBe('REFUNDED');
    expect(services.inventory.reservations.get(order.id)?.status).toBe('RESTOCKED');
    expect(services.inventory.stock.get('p-lamp')).toBe(10);
  });

  it('leaves a checkout still within its time and finished orders alone', async () => {
    const running = await stalledCheckout('authorized');
    const confirmed = await orders.insertOrder({ userId: newCustomer().userId, status: 'CONFIRMED' });
    expect(await orders.recoverStalled(recovery, new Date())).toBe(0);
    expect((await orders.repository.byId(running.id))?.status).toBe('PENDING');
    expect(services.payments.statusOf(running.id)).toBe('AUTHORIZED');
    expect((await orders.repository.byId(confirmed.id))?.status).toBe('CONFIRMED');
  });
});
