import type { OrderEvent, OrderEventRecorder } from '../src/order-events';
import { fakeServices, type FakeServices } from './fake-ports';
import { checkoutInput, newCustomer, silentLog, startOrders, type OrdersHarness } from './setup';

// Where the outbox will plug in: events are recorded inside the status-change transactions.
const recorded: OrderEvent[] = [];
let failOn: OrderEvent['type'] | null = null;
const recorder: OrderEventRecorder = {
  record: (_tx, event) => {
    if (event.type === failOn) return Promise.reject(new Error('outbox write failed'));
    recorded.push(event);
    return Promise.resolve();
  },
};

let services: FakeServices;
let orders: OrdersHarness;
beforeAll(async () => {
  services = fakeServices();
  orders = await startOrders(services.ports, { events: recorder });
});
afterAll(() => orders.stop());
beforeEach(() => {
  recorded.length = 0;
  failOn = null;
  services.inventory.stock.set('p-bag', 10);
});

function customerWithBag() {
  const customer = newCustomer();
  services.cart.fill(customer.userId, [
    { productId: 'p-bag', quantity: 2, unitPrice: { amount: 700, currency: 'EUR' } },
  ]);
  return customer;
}

describe('order events', () => {
  it('records OrderPlaced with the lines, then OrderConfirmed, then OrderCancelled', async () => {
    const customer = customerWithBag();
    const order = await orders.checkout.checkout(checkoutInput(), { caller: customer, log: silentLog });
    await orders.context(customer).orders.cancel(customer, order.id);

    expect(recorded.map((event) => [event.type, event.order.id, event.order.status])).toEqual([
      ['OrderPlaced', order.id, 'PENDING'],
      ['OrderConfirmed', order.id, 'CONFIRMED'],
      ['OrderCancelled', order.id, 'CANCELLED'],
    ]);
    const placed = recorded[0];
    expect(placed?.type === 'OrderPlaced' && placed.items.map((item) => [item.productId, item.quantity])).toEqual([
      ['p-bag', 2],
    ]);
  });

  it('writes no order when its OrderPlaced event cannot be recorded (one transaction)', async () => {
    failOn = 'OrderPlaced';
    const before = await orders.count();
    await expect(
      orders.checkout.checkout(checkoutInput(), { caller: customerWithBag(), log: silentLog }),
    ).rejects.toThrow('outbox write failed');
    expect(await orders.count()).toBe(before);
  });
});
