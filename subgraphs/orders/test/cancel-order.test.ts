import { errorCodes, execute } from '@agora/testing';
import { fakeServices, type FakeServices } from './fake-ports';
import { admin, checkoutInput, newCustomer, silentLog, startOrders, type OrdersHarness } from './setup';

// Cancelling: the orders database is real; inventory and payments are in-test stand-ins.
const CANCEL = `mutation ($id: ID!) { cancelOrder(id: $id) { id status } }`;

let services: FakeServices;
let orders: OrdersHarness;
beforeAll(async () => {
  services = fakeServices();
  orders = await startOrders(services.ports);
});
afterAll(() => orders.stop());

async function confirmedOrder() {
  const customer = newCustomer();
  services.inventory.stock.set('p-box', 4);
  services.cart.fill(customer.userId, [
    { productId: 'p-box', quantity: 3, unitPrice: { amount: 900, currency: 'EUR' } },
  ]);
  const order = await orders.checkout.checkout(checkoutInput(), { caller: customer, log: silentLog });
  expect(order.status).toBe('CONFIRMED');
  return { customer, order };
}

describe('cancelOrder', () => {
  it('restocks the units and refunds the payment, then answers CANCELLED', async () => {
    const { customer, order } = await confirmedOrder();
    expect(services.inventory.stock.get('p-box')).toBe(1);
    services.calls.length = 0;

    const result = await execute(orders.server, orders.context(customer), CANCEL, { id: order.id });

    expect(result.data?.cancelOrder).toEqual({ id: order.id, status: 'CANCELLED' });
    expect(services.calls).toEqual(['inventory.restockOrder', 'payments.refundPayment']);
    expect(services.inventory.stock.get('p-box')).toBe(4);
    expect(services.payments.statusOf(order.id)).toBe('REFUNDED');
  });

  it('treats another user’s order as NOT_FOUND, admins included', async () => {
    const { order } = await confirmedOrder();
    for (const caller of [newCustomer(), admin]) {
      const result = await execute(orders.server, orders.context(caller), CANCEL, { id: order.id });
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    }
    expect((await orders.repository.byId(order.id))?.status).toBe('CONFIRMED');
  });

  it.each(['PENDING', 'FAILED', 'CANCELLED', 'SHIPPED'] as const)(
    'refuses to cancel a %s order with CONFLICT naming the status',
    async (status) => {
      const customer = newCustomer();
      const order = await orders.insertOrder({ userId: customer.userId, status });
      services.calls.length = 0;
      const result = await execute(orders.server, orders.context(customer), CANCEL, { id: order.id });
      expect(errorCodes(result)).toEqual(['CONFLICT']);
      expect(result.errors?.[0]?.message).toContain(status);
      expect(services.calls).toEqual([]);
    },
  );
});
