import { MAX_MONEY_AMOUNT } from '@agora/subgraph-kit';
import { errorCodes } from '@agora/testing';
import { ADD_TO_CART, addToCart, CART, shopper, startCart, UPDATE_CART_ITEM, type CartHarness } from './setup';

let cart: CartHarness;
beforeAll(async () => {
  cart = await startCart();
});
afterAll(() => cart.stop());

const HALF = MAX_MONEY_AMOUNT / 2;

describe('the money bound on a cart', () => {
  it('takes a line worth exactly the bound, and refuses one unit more without writing anything', async () => {
    const safe = await cart.upstream.addProduct({ price: MAX_MONEY_AMOUNT, stock: 50 });
    const caller = shopper();
    const added = await addToCart(cart, caller, safe, 1);
    expect(added.subtotal).toEqual({ amount: MAX_MONEY_AMOUNT, currency: 'USD' });

    const before = await cart.rows();
    const result = await cart.run(caller, ADD_TO_CART, { productId: safe, quantity: 1 });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.field).toBe('quantity');
    expect(result.errors?.[0]?.message).toBe(
      "quantity: 2 × 100000000 would bring the cart's subtotal to 200000000 USD, " +
        'over the limit of 100000000 (amounts in minor units)',
    );
    expect(await cart.rows()).toEqual(before);
    expect((await cart.run(caller, CART)).data?.cart).toMatchObject({
      itemCount: 1,
      subtotal: { amount: MAX_MONEY_AMOUNT },
    });
  });

  it('refuses a first add whose line alone is over the bound (no Int overflow, nothing written)', async () => {
    const safe = await cart.upstream.addProduct({ price: MAX_MONEY_AMOUNT, stock: 50 });
    const before = await cart.rows();
    const result = await cart.run(shopper(), ADD_TO_CART, { productId: safe, quantity: 22 });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/^quantity: 22 × 100000000 .* 2200000000 USD/);
    expect(await cart.rows()).toEqual(before);
  });

  it('counts the rest of the cart: a second product that would take the subtotal over is refused', async () => {
    const ring = await cart.upstream.addProduct({ price: HALF + 1, stock: 5 });
    const watch = await cart.upstream.addProduct({ price: HALF, stock: 5 });
    const caller = shopper();
    await addToCart(cart, caller, ring, 1);
    const before = await cart.rows();
    const result = await cart.run(caller, ADD_TO_CART, { productId: watch, quantity: 1 });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/subtotal to 100000001 USD, over the limit of 100000000/);
    expect(await cart.rows()).toEqual(before);
  });

  it('refuses raising a quantity over the bound, and always lets a quantity go down', async () => {
    const watch = await cart.upstream.addProduct({ price: HALF, stock: 5 });
    const caller = shopper();
    const { items } = await addToCart(cart, caller, watch, 2);
    const itemId = items[0].id as string;

    const raised = await cart.run(caller, UPDATE_CART_ITEM, { itemId, quantity: 3 });
    expect(errorCodes(raised)).toEqual(['BAD_USER_INPUT']);
    expect(raised.errors?.[0]?.extensions?.field).toBe('quantity');
    expect(raised.errors?.[0]?.message).toMatch(/^quantity: 3 × 50000000 .* 150000000 USD/);

    const lowered = await cart.run(caller, UPDATE_CART_ITEM, { itemId, quantity: 1 });
    expect(lowered.errors).toBeUndefined();
    expect(lowered.data?.updateCartItem.subtotal).toEqual({ amount: HALF, currency: 'USD' });
  });

  it('checks adds racing each other against the cart as the other left it', async () => {
    const products = await Promise.all(
      [1, 2, 3, 4].map(() => cart.upstream.addProduct({ price: MAX_MONEY_AMOUNT / 4 + 1, stock: 5 })),
    );
    const caller = shopper();
    const results = await Promise.all(
      products.map((productId) => cart.run(caller, ADD_TO_CART, { productId, quantity: 1 })),
    );
    expect(results.filter((result) => result.errors === undefined)).toHaveLength(3);
    expect(results.flatMap(errorCodes)).toEqual(['BAD_USER_INPUT']);
    expect((await cart.run(caller, CART)).data?.cart).toMatchObject({
      itemCount: 3,
      subtotal: { amount: 3 * (MAX_MONEY_AMOUNT / 4 + 1) },
    });
  });
});
