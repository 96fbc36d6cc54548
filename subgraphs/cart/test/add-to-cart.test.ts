import { errorCodes } from '@agora/testing';
import { ADD_TO_CART, addToCart, shopper, startCart, type CartHarness } from './setup';

let cart: CartHarness;
beforeAll(async () => {
  cart = await startCart();
});
afterAll(() => cart.stop());

describe('addToCart', () => {
  it('creates the cart on the first add and prices it in integer minor units', async () => {
    const lamp = await cart.upstream.addProduct({ price: 1999, stock: 10 });
    const rug = await cart.upstream.addProduct({ price: 4550, stock: 10 });
    const caller = shopper();
    await addToCart(cart, caller, lamp, 2);
    const result = await addToCart(cart, caller, rug, 1);
    expect(result).toMatchObject({
      id: caller.userId,
      itemCount: 3,
      subtotal: { amount: 2 * 1999 + 4550, currency: 'USD' },
      items: [
        {
          product: { id: lamp },
          quantity: 2,
          unitPrice: { amount: 1999, currency: 'USD' },
          lineTotal: { amount: 3998, currency: 'USD' },
        },
        { product: { id: rug }, quantity: 1, lineTotal: { amount: 4550, currency: 'USD' } },
      ],
    });
  });

  it('adds to the existing line of a product instead of making a second one', async () => {
    const lamp = await cart.upstream.addProduct({ price: 250, stock: 20 });
    const caller = shopper();
    const first = await addToCart(cart, caller, lamp, 3);
    const second = await addToCart(cart, caller, lamp, 4);
    expect(second.items).toEqual([expect.objectContaining({ id: first.items[0].id, quantity: 7 })]);
    expect(second.subtotal).toEqual({ amount: 1750, currency: 'USD' });
  });

  it('refuses a product the catalog does not know, naming productId, and writes nothing', async () => {
    const before = await cart.rows();
    const result = await cart.run(shopper(), ADD_TO_CART, { productId: 'no-such-product', quantity: 1 });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/^productId: .*no-such-product/);
    expect(await cart.rows()).toEqual(before);
  });

  it.each([0, -1, 100])('refuses a quantity of %i with BAD_USER_INPUT naming quantity', async (quantity) => {
    const lamp = await cart.upstream.addProduct({ price: 100, stock: 500 });
    const before = await cart.rows();
    const result = await cart.run(shopper(), ADD_TO_CART, { productId: lamp, quantity });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/^quantity: /);
    expect(result.errors?.[0]?.extensions?.field).toBe('quantity');
    expect(await cart.rows()).toEqual(before);
  });

  it('refuses more than is in stock, counting what the cart already holds', async () => {
    const lamp = await cart.upstream.addProduct({ price: 100, stock: 5 });
    const caller = shopper();
    const tooMany = await cart.run(caller, ADD_TO_CART, { productId: lamp, quantity: 6 });
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors?.[0]?.message).toBe('quantity: only 5 in stock');

    await addToCart(cart, caller, lamp, 4);
    const onTop = await cart.run(caller, ADD_TO_CART, { productId: lamp, quantity: 2 });
    expect(onTop.errors?.[0]?.message).toBe('quantity: only 5 in stock');
    const unchanged = await addToCart(cart, caller, lamp, 1);
    expect(unchanged.items[0].quantity).toBe(5);
  });

  it('refuses a product that is sold out', async () => {
    const lamp = await cart.upstream.addProduct({ price: 100, stock: 0 });
    const result = await cart.run(shopper(), ADD_TO_CART, { productId: lamp, quantity: 1 });
    expect(result.errors?.[0]?.message).toBe('quantity: only 0 in stock');
  });

  it('refuses to take a line beyond 99 units even with more in stock', async () => {
    const lamp = await cart.upstream.addProduct({ price: 100, stock: 1000 });
    const caller = shopper();
    await addToCart(cart, caller, lamp, 90);
    const result = await cart.run(caller, ADD_TO_CART, { productId: lamp, quantity: 10 });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/^quantity: .*at most 99/);
    expect((await addToCart(cart, caller, lamp, 9)).items[0].quantity).toBe(99);
  });

  it('refuses a product priced in another currency than the cart', async () => {
    const dollars = await cart.upstream.addProduct({ price: 100, stock: 5 });
    const euros = await cart.upstream.addProduct({ price: 100, currency: 'EUR', stock: 5 });
    const caller = shopper();
    await addToCart(cart, caller, dollars, 1);
    const result = await cart.run(caller, ADD_TO_CART, { productId: euros, quantity: 1 });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/^productId: priced in EUR/);
  });

  it('refuses anonymous callers and writes nothing', async () => {
    const lamp = await cart.upstream.addProduct({ price: 100, stock: 5 });
    const before = await cart.rows();
    const result = await cart.run(null, ADD_TO_CART, { productId: lamp, quantity: 1 });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(await cart.rows()).toEqual(before);
  });
});

describe('cart_items table', () => {
  it('refuses a quantity outside 1..99 whatever the code does', async () => {
    const lamp = await cart.upstream.addProduct({ price: 100, stock: 5 });
    const { items } = await addToCart(cart, shopper(), lamp, 1);
    await expect(
      cart.db.pool.query('update cart_items set quantity = 100 where id = $1', [items[0].id]),
    ).rejects.toThrow(/cart_items_quantity_between_1_and_99/);
  });
});
