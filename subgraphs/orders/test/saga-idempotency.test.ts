import { CARDS, fakeServices, type FakeServices } from './fake-ports';
import { checkoutInput, newCustomer, silentLog, startOrders, type OrdersHarness } from './setup';

// Idempotency of the saga: the orders database (its unique constraint) is real; the
// other services are in-test stand-ins.
let services: FakeServices;
let orders: OrdersHarness;
beforeAll(async () => {
  services = fakeServices();
  orders = await startOrders(services.ports);
});
afterAll(() => orders.stop());
beforeEach(() => {
  services.calls.length = 0;
  services.payments.authorizeDelayMs = 0;
  services.inventory.stock.set('p-pen', 100);
});

function customerWithPens() {
  const customer = newCustomer();
  services.cart.fill(customer.userId, [
    { productId: 'p-pen', quantity: 1, unitPrice: { amount: 200, currency: 'EUR' } },
  ]);
  return customer;
}

const authorizations = () => services.calls.filter((call) => call === 'payments.authorizePayment').length;

describe('checkout saga: idempotency', () => {
  it('answers a retry with the same order and charges once', async () => {
    const customer = customerWithPens();
    const input = checkoutInput();
    const first = await orders.checkout.checkout(input, { caller: customer, log: silentLog });
    const again = await orders.checkout.checkout(structuredClone(input), { caller: customer, log: silentLog });
    expect(again.id).toBe(first.id);
    expect(again.status).toBe('CONFIRMED');
    expect(authorizations()).toBe(1);
  });

  it('answers a retry of a failed checkout with the failed order instead of trying again', async () => {
    const customer = customerWithPens();
    const input = checkoutInput(CARDS.declined);
    const first = await orders.checkout.checkout(input, { caller: customer, log: silentLog });
    const again = await orders.checkout.checkout(input, { caller: customer, log: silentLog });
    expect(again).toMatchObject({ id: first.id, status: 'FAILED', failureCode: 'PAYMENT_DECLINED' });
    expect(authorizations()).toBe(1);
  });

  it('makes one order and one payment from two identical checkouts at once', async () => {
    const customer = customerWithPens();
    services.payments.authorizeDelayMs = 300;
    const input = checkoutInput();
    const before = await orders.count();

    const [a, b] = await Promise.all([
      orders.checkout.checkout(input, { caller: customer, log: silentLog }),
      orders.checkout.checkout(structuredClone(input), { caller: customer, log: silentLog }),
    ]);

    expect(a.id).toBe(b.id);
    // The twin that lost the insert waited for the winner to finish.
    expect([a.status, b.status]).toEqual(['CONFIRMED', 'CONFIRMED']);
    expect(await orders.count()).toBe(before + 1);
    expect(authorizations()).toBe(1);
  });

  it('lets go of the cart once after two identical checkouts at once: lines out, no lock left behind', async () => {
    const customer = customerWithPens();
    services.payments.authorizeDelayMs = 100;
    const input = checkoutInput();
    await Promise.all([
      orders.checkout.checkout(input, { caller: customer, log: silentLog }),
      orders.checkout.checkout(structuredClone(input), { caller: customer, log: silentLog }),
    ]);
    expect(services.cart.lines.get(customer.userId)).toEqual([]);
    expect(services.cart.locks.has(customer.userId)).toBe(false);
    expect(services.calls.filter((call) => call === 'cart.completeCheckout')).toHaveLength(1);
  });

  it('leaves no lock behind when two identical checkouts at once fail', async () => {
    const customer = customerWithPens();
    services.payments.authorizeDelayMs = 100;
    const input = checkoutInput(CARDS.declined);
    const [a, b] = await Promise.all([
      orders.checkout.checkout(input, { caller: customer, log: silentLog }),
      orders.checkout.checkout(structuredClone(input), { caller: customer, log: silentLog }),
    ]);
    expect([a.status, b.status]).toEqual(['FAILED', 'FAILED']);
    expect(b.id).toBe(a.id);
    expect(services.cart.lines.get(customer.userId)).toEqual([expect.objectContaining({ quantity: 1 })]);
    expect(services.cart.locks.has(customer.userId)).toBe(false);
  });

  it.each([
    ['placed', CARDS.approves, 'CONFIRMED'],
    ['failed', CARDS.declined, 'FAILED'],
  ])(
    'answers a twin that locks the cart only after the first %s the order with that order, leaving no lock',
    async (_label, card, status) => {
      const customer = customerWithPens();
      const input = checkoutInput(card);
      // The late twin has looked for an order with its key (none yet), but its lock request is slow.
      const lateBegin = services.cart.holdNextBegin();
      const late = orders.checkout.checkout(structuredClone(input), { caller: customer, log: silentLog });
      await lateBegin.reached;
      const first = await orders.checkout.checkout(input, { caller: customer, log: silentLog });
      expect(first.status).toBe(status);
      lateBegin.open();

      expect((await late).id).toBe(first.id);
      expect(services.cart.locks.has(customer.userId)).toBe(false);
      expect(services.cart.lines.get(customer.userId)).toEqual(status === 'CONFIRMED' ? [] : [expect.anything()]);
      expect(authorizations()).toBe(1);
    },
  );

  it('refuses the same key for a different address or card with CONFLICT', async () => {
    const customer = customerWithPens();
    const input = checkoutInput();
    await orders.checkout.checkout(input, { caller: customer, log: silentLog });
    const otherCity = { ...input, shippingAddress: { ...input.shippingAddress, city: 'Hamburg' } };
    const otherCard = { ...input, payment: { ...input.payment, cardNumber: CARDS.declined } };
    for (const changed of [otherCity, otherCard]) {
      await expect(orders.checkout.checkout(changed, { caller: customer, log: silentLog })).rejects.toMatchObject({
        message: 'idempotencyKey: already used for a different checkout',
        extensions: { code: 'CONFLICT' },
      });
    }
  });

  it('lets two users use the same key independently', async () => {
    const input = checkoutInput();
    const mine = await orders.checkout.checkout(input, { caller: customerWithPens(), log: silentLog });
    const theirs = await orders.checkout.checkout(input, { caller: customerWithPens(), log: silentLog });
    expect(theirs.id).not.toBe(mine.id);
    expect(authorizations()).toBe(2);
  });
});
