import { MAX_MONEY_AMOUNT } from '@agora/subgraph-kit';
import type { CartLine } from '../src/checkout/ports';
import { fakeServices, type FakeServices } from './fake-ports';
import { capturingLog, checkoutInput, newCustomer, silentLog, startOrders, type OrdersHarness } from './setup';

// Saga ordering tests: the other services are in-test stand-ins for their answers.
let services: FakeServices;
let orders: OrdersHarness;
beforeAll(async () => {
  services = fakeServices({ 'p-mug': 'Agora Mug', 'p-tee': 'Agora T-Shirt' });
  orders = await startOrders(services.ports);
});
afterAll(() => orders.stop());
beforeEach(() => {
  services.calls.length = 0;
  services.cart.failing.clear();
  services.payments.onAuthorize = null;
  services.inventory.stock.set('p-mug', 10).set('p-tee', 5);
});

function fillCart(userId: string): void {
  services.cart.fill(userId, [
    { productId: 'p-mug', quantity: 2, unitPrice: { amount: 1250, currency: 'EUR' } },
    { productId: 'p-tee', quantity: 1, unitPrice: { amount: 1999, currency: 'EUR' } },
  ]);
}

describe('checkout saga: the happy path', () => {
  it('locks the cart, reserves, authorizes, commits, captures, confirms, then takes the lines out, in that order', async () => {
    const customer = newCustomer();
    fillCart(customer.userId);

    const order = await orders.checkout.checkout(checkoutInput(), { caller: customer, log: silentLog });

    expect(order).toMatchObject({ status: 'CONFIRMED', totalAmount: 4499, currency: 'EUR', failureCode: null });
    expect(services.calls).toEqual([
      'cart.beginCheckout',
      'inventory.reserveStock',
      'payments.authorizePayment',
      'inventory.commitReservation',
      'payments.capturePayment',
      'cart.completeCheckout',
    ]);
    expect(services.inventory.reservations.get(order.id)?.status).toBe('COMMITTED');
    expect(services.inventory.stock.get('p-mug')).toBe(8);
    expect(services.payments.payments.get(order.id)).toMatchObject({ status: 'CAPTURED', amount: 4499 });
    expect(services.cart.lines.get(customer.userId)).toEqual([]);
    expect(services.cart.locks.has(customer.userId)).toBe(false);
    expect((await orders.repository.byId(order.id))?.cartSettledAt).toEqual(expect.any(Date));
  });

  it('takes out of the cart exactly the lines and units it ordered, keeping what was added meanwhile', async () => {
    const customer = newCustomer();
    fillCart(customer.userId);
    // The shopper adds a unit of a mug and a new product while the payment is being authorized.
    services.payments.onAuthorize = () => {
      const [mug, tee] = services.cart.lines.get(customer.userId) ?? [];
      const cap = { productId: 'p-cap', quantity: 1, unitPrice: { amount: 900, currency: 'EUR' } };
      services.cart.lines.set(customer.userId, [
        { ...(mug as CartLine), quantity: 3 },
        tee as CartLine,
        { ...cap, itemId: 'item-cap', available: true },
      ]);
    };
    const order = await orders.checkout.checkout(checkoutInput(), { caller: customer, log: silentLog });
    expect(order).toMatchObject({ status: 'CONFIRMED', totalAmount: 4499 });
    expect(services.cart.lines.get(customer.userId)).toEqual([
      expect.objectContaining({ productId: 'p-mug', quantity: 1 }),
      expect.objectContaining({ productId: 'p-cap', quantity: 1 }),
    ]);
  });

  it('keeps each line with the catalog name and the price the cart gave', async () => {
    const customer = newCustomer();
    fillCart(customer.userId);
    const order = await orders.checkout.checkout(checkoutInput(), { caller: customer, log: silentLog });
    const lines = (await orders.repository.itemsByOrderIds([order.id])).get(order.id) ?? [];
    expect(
      lines.map(({ productId, productName, quantity, unitAmount }) => [productId, productName, quantity, unitAmount]),
    ).toEqual([
      ['p-mug', 'Agora Mug', 2, 1250],
      ['p-tee', 'Agora T-Shirt', 1, 1999],
    ]);
  });

  it('confirms the order even when the cart does not answer, logs it, and leaves it for the recovery sweep', async () => {
    const customer = newCustomer();
    fillCart(customer.userId);
    services.cart.failing.add('completeCheckout');
    const { log, lines } = capturingLog();

    const order = await orders.checkout.checkout(checkoutInput(), { caller: customer, log });

    expect(order.status).toBe('CONFIRMED');
    expect(services.payments.statusOf(order.id)).toBe('CAPTURED');
    expect(lines).toEqual([expect.objectContaining({ orderId: order.id, step: 'completeCheckout' })]);
    expect((await orders.repository.byId(order.id))?.cartSettledAt).toBeNull();
    expect(services.cart.locks.get(customer.userId)).toBeDefined();
  });

  it('keeps on each order line the cart line it came from', async () => {
    const customer = newCustomer();
    services.cart.fill(customer.userId, [
      { productId: 'p-mug', quantity: 2, unitPrice: { amount: 1250, currency: 'EUR' } },
    ]);
    const [line] = services.cart.lines.get(customer.userId) ?? [];
    const order = await orders.checkout.checkout(checkoutInput(), { caller: customer, log: silentLog });
    const items = (await orders.repository.itemsByOrderIds([order.id])).get(order.id) ?? [];
    expect(items.map((item) => item.cartItemId)).toEqual([line?.itemId]);
  });

  it('refuses a cart whose prices rose over the money bound with BAD_USER_INPUT, and writes nothing', async () => {
    const customer = newCustomer();
    services.cart.fill(customer.userId, [
      { productId: 'p-mug', quantity: 2, unitPrice: { amount: MAX_MONEY_AMOUNT / 2, currency: 'EUR' } },
      { productId: 'p-tee', quantity: 1, unitPrice: { amount: 1, currency: 'EUR' } },
    ]);
    const before = await orders.count();
    await expect(orders.checkout.checkout(checkoutInput(), { caller: customer, log: silentLog })).rejects.toMatchObject(
      {
        message: 'cart: the order would cost 100000001 EUR, over the limit of 100000000 (amounts in minor units)',
        extensions: { code: 'BAD_USER_INPUT', field: 'cart' },
      },
    );
    expect(await orders.count()).toBe(before);
    expect(services.calls).toEqual(['cart.beginCheckout', 'cart.releaseCheckout']);
    expect(services.cart.locks.has(customer.userId)).toBe(false);
  });

  it('refuses a cart with a line that cannot be bought, naming the line in the cart’s words, and writes nothing', async () => {
    const customer = newCustomer();
    const [, gone] = services.cart.fill(customer.userId, [
      { productId: 'p-mug', quantity: 2, unitPrice: { amount: 1250, currency: 'EUR' } },
      {
        productId: 'p-tee',
        quantity: 1,
        unitPrice: { amount: 1999, currency: 'EUR' },
        problem: 'Agora T-Shirt is no longer sold: remove it from your cart.',
      },
    ]);
    const before = await orders.count();
    await expect(orders.checkout.checkout(checkoutInput(), { caller: customer, log: silentLog })).rejects.toMatchObject(
      {
        message: `cart.items.${gone?.itemId}: Agora T-Shirt is no longer sold: remove it from your cart.`,
        extensions: { code: 'BAD_USER_INPUT', field: `cart.items.${gone?.itemId}` },
      },
    );
    expect(await orders.count()).toBe(before);
    expect(services.calls).toEqual(['cart.beginCheckout', 'cart.releaseCheckout']);
    expect(services.cart.locks.has(customer.userId)).toBe(false);
  });

  it('keeps order amounts within the money bound in the tables whatever the code does', async () => {
    const userId = newCustomer().userId;
    await expect(orders.insertOrder({ userId, totalAmount: MAX_MONEY_AMOUNT + 1 })).rejects.toThrow();
    await expect(orders.insertOrder({ userId }, [{ unitAmount: MAX_MONEY_AMOUNT + 1 }])).rejects.toThrow();
  });

  it('refuses an empty cart with BAD_USER_INPUT and writes nothing', async () => {
    const before = await orders.count();
    await expect(
      orders.checkout.checkout(checkoutInput(), { caller: newCustomer(), log: silentLog }),
    ).rejects.toMatchObject({
      message: 'cart is empty',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await orders.count()).toBe(before);
    expect(services.calls).toEqual(['cart.beginCheckout', 'cart.releaseCheckout']);
  });

  it('refuses with CONFLICT while another checkout holds the cart, whatever its key, and writes nothing', async () => {
    const customer = newCustomer();
    fillCart(customer.userId);
    services.cart.locks.set(customer.userId, 'another-checkout');
    const before = await orders.count();
    await expect(orders.checkout.checkout(checkoutInput(), { caller: customer, log: silentLog })).rejects.toMatchObject(
      {
        message: 'cart: a checkout of this cart is in progress',
        extensions: { code: 'CONFLICT' },
      },
    );
    expect(await orders.count()).toBe(before);
    expect(services.calls).toEqual(['cart.beginCheckout']);
    expect(services.cart.locks.get(customer.userId)).toBe('another-checkout');
  });
});
