import { errorCodes, execute } from '@agora/testing';
import { CARDS, fakeServices, type FakeServices } from './fake-ports';
import { checkoutInput, newCustomer, startOrders, type OrdersHarness } from './setup';

const CHECKOUT = `mutation ($input: CheckoutInput!) {
  checkout(input: $input) {
    id status failureCode failureReason createdAt
    total { amount currency }
    shippingAddress { name line1 line2 city postalCode country }
    items { productName quantity unitPrice { amount currency } lineTotal { amount currency } product { id } }
  }
}`;

let services: FakeServices;
let orders: OrdersHarness;
beforeAll(async () => {
  services = fakeServices({ 'p-cup': 'Cup' });
  orders = await startOrders(services.ports);
});
afterAll(() => orders.stop());

function graphqlInput(overrides: { address?: object; payment?: object; idempotencyKey?: string } = {}) {
  const input = checkoutInput();
  return {
    idempotencyKey: overrides.idempotencyKey ?? input.idempotencyKey,
    shippingAddress: { ...input.shippingAddress, ...overrides.address },
    payment: { ...input.payment, ...overrides.payment },
  };
}

describe('checkout at the GraphQL edge', () => {
  it('returns the confirmed order with its lines, total and address', async () => {
    const customer = newCustomer();
    services.inventory.stock.set('p-cup', 5);
    services.cart.fill(customer.userId, [
      { productId: 'p-cup', quantity: 3, unitPrice: { amount: 450, currency: 'EUR' } },
    ]);
    const result = await execute(orders.server, orders.context(customer), CHECKOUT, {
      input: graphqlInput({ payment: { cardNumber: '4242 4242 4242 4242' }, address: { line2: '  ' } }),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkout).toMatchObject({
      status: 'CONFIRMED',
      failureCode: null,
      failureReason: null,
      total: { amount: 1350, currency: 'EUR' },
      shippingAddress: { city: 'Berlin', country: 'DE', line2: null },
      items: [
        {
          productName: 'Cup',
          quantity: 3,
          unitPrice: { amount: 450, currency: 'EUR' },
          lineTotal: { amount: 1350, currency: 'EUR' },
          product: { id: 'p-cup' },
        },
      ],
    });
  });

  it('answers a declined card with a FAILED order, not an error', async () => {
    const customer = newCustomer();
    services.inventory.stock.set('p-cup', 5);
    services.cart.fill(customer.userId, [
      { productId: 'p-cup', quantity: 1, unitPrice: { amount: 450, currency: 'EUR' } },
    ]);
    const result = await execute(orders.server, orders.context(customer), CHECKOUT, {
      input: graphqlInput({ payment: { cardNumber: CARDS.insufficientFunds } }),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkout).toMatchObject({ status: 'FAILED', failureCode: 'INSUFFICIENT_FUNDS' });
  });

  it.each([
    ['dashes', '4000-0000-0000-9995'],
    ['spaces and dashes', '4000 - 0000 - 0000 - 9995'],
  ])('accepts a card number typed with %s and hands payments its digits only', async (_label, cardNumber) => {
    const customer = newCustomer();
    services.inventory.stock.set('p-cup', 5);
    services.cart.fill(customer.userId, [
      { productId: 'p-cup', quantity: 1, unitPrice: { amount: 450, currency: 'EUR' } },
    ]);
    const result = await execute(orders.server, orders.context(customer), CHECKOUT, {
      input: graphqlInput({ payment: { cardNumber } }),
    });
    expect(result.errors).toBeUndefined();
    // The payments stand-in declines by the digits of the number alone.
    expect(result.data?.checkout).toMatchObject({ status: 'FAILED', failureCode: 'INSUFFICIENT_FUNDS' });
  });

  it.each([
    [{ idempotencyKey: 'short' }, 'input.idempotencyKey'],
    [{ idempotencyKey: 'k'.repeat(101) }, 'input.idempotencyKey'],
    [{ address: { city: '  ' } }, 'input.shippingAddress.city'],
    [{ address: { name: '' } }, 'input.shippingAddress.name'],
    [{ address: { country: 'de' } }, 'input.shippingAddress.country'],
    [{ address: { country: 'DEU' } }, 'input.shippingAddress.country'],
    [{ payment: { cardNumber: '4242424242424241' } }, 'input.payment.cardNumber'],
    [{ payment: { cardNumber: '42424242424' } }, 'input.payment.cardNumber'],
    [{ payment: { expMonth: 13 } }, 'input.payment.expMonth'],
    [{ payment: { expYear: new Date().getUTCFullYear() - 1 } }, 'input.payment.expYear'],
    [{ payment: { expYear: 2200 } }, 'input.payment.expYear'],
    [{ payment: { cardNumber: '4242.4242.4242.4242' } }, 'input.payment.cardNumber'],
    [{ payment: { cvc: '12' } }, 'input.payment.cvc'],
    [{ payment: { cvc: '12a4' } }, 'input.payment.cvc'],
  ])('refuses %j with BAD_USER_INPUT naming %s, writing nothing', async (overrides, field) => {
    const before = await orders.count();
    const calls = services.calls.length;
    const result = await execute(orders.server, orders.context(newCustomer()), CHECKOUT, {
      input: graphqlInput(overrides),
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}: `));
    expect(await orders.count()).toBe(before);
    expect(services.calls.length).toBe(calls);
  });

  it('refuses an empty cart with BAD_USER_INPUT', async () => {
    const result = await execute(orders.server, orders.context(newCustomer()), CHECKOUT, { input: graphqlInput() });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toBe('cart is empty');
  });

  it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
    const result = await execute(orders.server, orders.context(null), CHECKOUT, { input: graphqlInput() });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });
});
