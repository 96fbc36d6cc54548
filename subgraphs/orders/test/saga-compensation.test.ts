import { CARDS, fakeServices, type FakeServices } from './fake-ports';
import { capturingLog, checkoutInput, newCustomer, silentLog, startOrders, type OrdersHarness } from './setup';

// Saga compensation tests: the other services are in-test stand-ins for their answers
// (a conflict, a decline, a lost answer); the orders database is real.
let services: FakeServices;
let orders: OrdersHarness;
beforeAll(async () => {
  services = fakeServices({ 'p-lamp': 'Desk Lamp' });
  orders = await startOrders(services.ports);
});
afterAll(() => orders.stop());
beforeEach(() => {
  services.calls.length = 0;
  services.inventory.failing.clear();
  services.payments.failing.clear();
  services.inventory.stock.set('p-lamp', 3);
});

async function checkoutLamps(quantity: number, card: string = CARDS.approves, log = silentLog) {
  const customer = newCustomer();
  services.cart.fill(customer.userId, [
    { productId: 'p-lamp', quantity, unitPrice: { amount: 3500, currency: 'EUR' } },
  ]);
  return orders.checkout.checkout(checkoutInput(card), { caller: customer, log });
}

describe('checkout saga: compensation', () => {
  it('fails OUT_OF_STOCK with inventory’s message and calls payments not at all', async () => {
    const order = await checkoutLamps(5);
    expect(order).toMatchObject({
      status: 'FAILED',
      failureCode: 'OUT_OF_STOCK',
      failureReason: 'Not enough stock for product p-lamp: 3 available',
    });
    expect(services.calls).toEqual(['cart.beginCheckout', 'inventory.reserveStock', 'cart.releaseCheckout']);
  });

  it.each([
    [CARDS.declined, 'PAYMENT_DECLINED'],
    [CARDS.insufficientFunds, 'INSUFFICIENT_FUNDS'],
    [CARDS.processorTimeout, 'PAYMENT_TIMEOUT'],
  ])('releases the stock and fails with the decline reason for card %s (%s)', async (card, code) => {
    const order = await checkoutLamps(2, card);
    expect(order).toMatchObject({ status: 'FAILED', failureCode: code });
    expect(order.failureReason).toEqual(expect.any(String));
    expect(services.calls).toEqual([
      'cart.beginCheckout',
      'inventory.reserveStock',
      'payments.authorizePayment',
      'inventory.releaseReservation',
      'cart.releaseCheckout',
    ]);
    expect(services.inventory.stock.get('p-lamp')).toBe(3);
    expect(services.payments.statusOf(order.id)).toBe('DECLINED');
  });

  it('leaves the cart as it was and lets go of it when the checkout fails', async () => {
    const customer = newCustomer();
    services.cart.fill(customer.userId, [
      { productId: 'p-lamp', quantity: 1, unitPrice: { amount: 3500, currency: 'EUR' } },
    ]);
    const order = await orders.checkout.checkout(checkoutInput(CARDS.declined), { caller: customer, log: silentLog });
    expect(order.status).toBe('FAILED');
    expect(services.cart.lines.get(customer.userId)).toEqual([
      expect.objectContaining({ productId: 'p-lamp', quantity: 1 }),
    ]);
    expect(services.cart.locks.has(customer.userId)).toBe(false);
    expect((await orders.repository.byId(order.id))?.cartSettledAt).toEqual(expect.any(Date));
  });

  it('voids a payment whose authorization answer was lost and releases the stock (PAYMENT_ERROR)', async () => {
    services.payments.failing.add('authorizePayment');
    const order = await checkoutLamps(1);
    expect(order).toMatchObject({ status: 'FAILED', failureCode: 'PAYMENT_ERROR' });
    expect(services.calls.slice(2)).toEqual([
      'payments.authorizePayment',
      'payments.voidPayment',
      'inventory.releaseReservation',
      'cart.releaseCheckout',
    ]);
    expect(services.payments.statusOf(order.id)).toBe('VOIDED');
    expect(services.inventory.stock.get('p-lamp')).toBe(3);
  });

  it('refunds a capture whose answer was lost and restocks the committed units', async () => {
    services.payments.failing.add('capturePayment');
    const order = await checkoutLamps(2);
    expect(order).toMatchObject({ status: 'FAILED', failureCode: 'PAYMENT_ERROR' });
    // The capture went through before its answer was lost: void is refused, refund it is.
    expect(services.calls.slice(-5)).toEqual([
      'payments.capturePayment',
      'payments.voidPayment',
      'payments.refundPayment',
      'inventory.restockOrder',
      'cart.releaseCheckout',
    ]);
    expect(services.payments.statusOf(order.id)).toBe('REFUNDED');
    expect(services.inventory.reservations.get(order.id)?.status).toBe('RESTOCKED');
    expect(services.inventory.stock.get('p-lamp')).toBe(3);
  });

  it('voids the payment and releases the stock when the reservation cannot be committed', async () => {
    services.inventory.failing.add('commitReservation');
    const order = await checkoutLamps(1);
    expect(order).toMatchObject({ status: 'FAILED', failureCode: null });
    expect(services.calls.slice(-4)).toEqual([
      'inventory.commitReservation',
      'payments.voidPayment',
      'inventory.releaseReservation',
      'cart.releaseCheckout',
    ]);
    expect(services.payments.statusOf(order.id)).toBe('VOIDED');
    expect(services.inventory.stock.get('p-lamp')).toBe(3);
  });

  it('still fails the order cleanly when a compensation fails, and logs that step', async () => {
    services.inventory.failing.add('releaseReservation');
    const { log, lines } = capturingLog();
    const order = await checkoutLamps(1, CARDS.declined, log);
    expect(order).toMatchObject({ status: 'FAILED', failureCode: 'PAYMENT_DECLINED' });
    expect(lines).toEqual([expect.objectContaining({ orderId: order.id, step: 'releaseReservation' })]);
  });

  it('fails without a code when inventory does not answer, releasing whatever it may have held', async () => {
    services.inventory.failing.add('reserveStock');
    const order = await checkoutLamps(1);
    expect(order).toMatchObject({ status: 'FAILED', failureCode: null });
    expect(order.failureReason).toMatch(/could not be reserved/);
    expect(services.calls).toEqual([
      'cart.beginCheckout',
      'inventory.reserveStock',
      'inventory.releaseReservation',
      'cart.releaseCheckout',
    ]);
  });
});
