import { ADD_TO_CART, CHECKOUT, checkoutInput, createProduct, newShopper } from './shopping';
import { startStack, type Stack } from './stack';

// The one bound on amounts (MAX_MONEY_AMOUNT in the subgraph kit), seen through the router.
const MAX = 100_000_000;
const CART = `{ cart { itemCount subtotal { amount currency } items { id quantity lineTotal { amount } } } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(() => stack.stop());

describe('money never overflows, across the cart, checkout and payments', () => {
  it('refuses 22 units at the highest price before anything is written, and the cart keeps answering', async () => {
    const productId = await createProduct(stack, { name: 'Orbital Telescope', price: MAX, stock: 50 });
    const shopper = await newShopper(stack);
    for (const quantity of [21, 22]) {
      const { body } = await stack.request(ADD_TO_CART, { productId, quantity }, shopper);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
      expect(body.errors?.[0]?.message).toMatch(new RegExp(`^quantity: ${quantity} × ${MAX} .* ${quantity * MAX} USD`));
    }
    const cart = await stack.request(CART, {}, shopper);
    expect(cart.body).toEqual({
      data: { cart: { itemCount: 0, subtotal: { amount: 0, currency: 'USD' }, items: [] } },
    });
  });

  it('checks out and captures a cart worth exactly the bound; one unit more is refused and nothing changes', async () => {
    const productId = await createProduct(stack, { name: 'Concert Harp', price: MAX / 2, stock: 5 });
    const shopper = await newShopper(stack);
    expect((await stack.request(ADD_TO_CART, { productId, quantity: 2 }, shopper)).body.errors).toBeUndefined();

    const over = await stack.request(ADD_TO_CART, { productId, quantity: 1 }, shopper);
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
    const cart = await stack.request(CART, {}, shopper);
    expect(cart.body.data.cart).toMatchObject({ itemCount: 2, subtotal: { amount: MAX }, items: [{ quantity: 2 }] });

    const { body } = await stack.request(CHECKOUT, { input: checkoutInput() }, shopper);
    expect(body.errors).toBeUndefined();
    expect(body.data.checkout).toMatchObject({
      status: 'CONFIRMED',
      total: { amount: MAX, currency: 'USD' },
      payment: { status: 'CAPTURED', amount: { amount: MAX } },
    });
  });
});
