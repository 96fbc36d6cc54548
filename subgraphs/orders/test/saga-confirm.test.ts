import { MAX_MONEY_AMOUNT } from '@agora/subgraph-kit';
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
  services.cart.failClear = false;
  services.inventory.stock.set('p-mug', 10).set('p-tee', 5);
});

function fillCart(userId: string): void {
  services.cart.fill(userId, [
    { productId: 'p-mug', quantity: 2, unitPrice: { amount: 1250, currency: 'EUR' } },
    { productId: 'p-tee', quantity: 1, unitPrice: { amount: 1999, currency: 'EUR' } },
  ]);
}

describe('checkout saga: the happy path', () => {
  it('reserves, authorizes, commits, captures, confirms and then empties the cart, in that order', async () => {
    const customer = newCustomer();
    fillCart(customer.userId);

    const order = await orders.checkout.checkout(checkoutInput(), { caller: customer, log: silentLog });

    expect(order).toMatchObject({ status: 'CONFIRMED', totalAmount: 4499, currency: 'EUR', failureCode: null });
    expect(services.calls).toEqual([
      'cart.readCart',
      'inventory.reserveStock',
      'payments.authorizePayment',
      'inventory.commitReservation',
      'payments.capturePayment',
      'cart.clearCart',
    ]);
    expect(services.inventory.reservations.get(order.id)?.status).toBe('COMMITTED');
    expect(services.inventory.stock.get('p-mug')).toBe(8);
    expect(services.payments.payments.get(order.id)).toMatchObject({ status: 'CAPTURED', amount: 4499 });
    expect(services.cart.lines.has(customer.userId)).toBe(false);
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

  it('confirms the order even when the cart cannot be emptied, and logs it', async () => {
    const customer = newCustomer();
    fillCart(customer.userId);
    services.cart.failClear = true;
    const { log, lines } = capturingLog();

    const order = await orders.checkout.checkout(checkoutInput(), { caller: customer, log });

    expect(order.status).toBe('CONFIRMED');
    expect(services.payments.statusOf(order.id)).toBe('CAPTURED');
    expect(lines).toEqual([expect.objectContaining({ orderId: order.id, step: 'clearCart' })]);
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
    expect(services.calls).not.toContain('payments.authorizePayment');
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
    expect(services.calls).toEqual(['cart.readCart']);
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
    expect(services.calls).toEqual(['cart.readCart']);
  });
});
