import { outboxOrderEvents, type OrderEventRecorder } from '../src/order-events';
import { CARDS, fakeServices, type FakeServices } from './fake-ports';
import { orderXmin, recordedEvents } from './outbox';
import { checkoutInput, newCustomer, silentLog, startOrders, type OrdersHarness } from './setup';

// The real outbox, behind a recorder that can be told to fail (to prove the events share the order's transaction).
let failOn: string | null = null;
const recorder: OrderEventRecorder = {
  record: (tx, event) =>
    event.type === failOn ? Promise.reject(new Error('outbox write failed')) : outboxOrderEvents.record(tx, event),
};

let services: FakeServices;
let orders: OrdersHarness;
beforeAll(async () => {
  services = fakeServices();
  orders = await startOrders(services.ports, { events: recorder });
});
afterAll(() => orders.stop());
beforeEach(() => {
  failOn = null;
  services.cart.failing.clear();
  services.inventory.stock.set('p-bag', 10).set('p-hat', 10);
});

function checkoutBagAndHat(card: string = CARDS.approves) {
  const customer = newCustomer();
  services.cart.fill(customer.userId, [
    { productId: 'p-bag', quantity: 2, unitPrice: { amount: 700, currency: 'EUR' } },
    { productId: 'p-hat', quantity: 1, unitPrice: { amount: 1500, currency: 'EUR' } },
  ]);
  const input = checkoutInput(card);
  return { customer, input, checkout: orders.checkout.checkout(input, { caller: customer, log: silentLog }) };
}

describe('order events in the orders outbox', () => {
  it('records OrderPlaced with the lines and OrderConfirmed in the transaction that confirms the order', async () => {
    // With the cart not answering, nothing writes the order after its confirmation (its xmin stays that one's).
    services.cart.failing.add('completeCheckout');
    const { customer, checkout } = checkoutBagAndHat();
    const order = await checkout;
    expect(order.status).toBe('CONFIRMED');

    const events = await recordedEvents(orders, order.id);
    expect(events.map((event) => event.type)).toEqual(['OrderPlaced', 'OrderConfirmed']);
    const confirmedIn = await orderXmin(orders, order.id);
    expect(events.map((event) => event.xmin)).toEqual([confirmedIn, confirmedIn]);
    expect(events.map((event) => [event.envelope.source, event.envelope.version, event.published])).toEqual([
      ['orders', 1, false],
      ['orders', 1, false],
    ]);
    expect(events[0]?.envelope.payload).toEqual({
      orderId: order.id,
      userId: customer.userId,
      items: [
        { productId: 'p-bag', quantity: 2, unitPrice: { amount: 700, currency: 'EUR' } },
        { productId: 'p-hat', quantity: 1, unitPrice: { amount: 1500, currency: 'EUR' } },
      ],
      total: { amount: 2900, currency: 'EUR' },
    });
    expect(events[1]?.envelope.payload).toEqual({ orderId: order.id, userId: customer.userId });
  });

  it('records nothing for a checkout that fails', async () => {
    const order = await checkoutBagAndHat(CARDS.declined).checkout;
    expect(order.status).toBe('FAILED');
    expect(await recordedEvents(orders, order.id)).toEqual([]);
  });

  it('records OrderCancelled with its reason in the transaction that cancels the order', async () => {
    const { customer, checkout } = checkoutBagAndHat();
    const order = await checkout;
    await orders.context(customer).orders.cancel(customer, order.id);

    const events = await recordedEvents(orders, order.id);
    expect(events.map((event) => event.type)).toEqual(['OrderPlaced', 'OrderConfirmed', 'OrderCancelled']);
    expect(events[2]?.xmin).toBe(await orderXmin(orders, order.id));
    expect(events[2]?.envelope.payload).toEqual({
      orderId: order.id,
      userId: customer.userId,
      reason: 'cancelled by customer',
    });
  });

  it('does not confirm an order whose events cannot be recorded, and keeps none of them', async () => {
    failOn = 'OrderConfirmed';
    const { customer, input, checkout } = checkoutBagAndHat();
    await expect(checkout).rejects.toThrow('outbox write failed');

    const order = await orders.repository.byIdempotencyKey(customer.userId, input.idempotencyKey);
    if (!order) throw new Error('the failed checkout left no order');
    expect(order.status).toBe('FAILED');
    // OrderPlaced was written before OrderConfirmed failed: it went with the rolled-back confirmation.
    expect(await recordedEvents(orders, order.id)).toEqual([]);
    expect(services.payments.statusOf(order.id)).toBe('REFUNDED');
  });
});
