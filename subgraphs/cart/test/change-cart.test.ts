import { errorCodes } from '@agora/testing';
import {
  addToCart,
  CART,
  CLEAR_CART,
  REMOVE_FROM_CART,
  shopper,
  startCart,
  UPDATE_CART_ITEM,
  type CartHarness,
} from './setup';

let cart: CartHarness;
beforeAll(async () => {
  cart = await startCart();
});
afterAll(() => cart.stop());

describe('updateCartItem', () => {
  it('sets the quantity of a line and reprices the cart', async () => {
    const lamp = await cart.upstream.addProduct({ price: 1234, stock: 10 });
    const caller = shopper();
    const { items } = await addToCart(cart, caller, lamp, 1);
    const result = await cart.run(caller, UPDATE_CART_ITEM, { itemId: items[0].id, quantity: 8 });
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateCartItem).toMatchObject({
      itemCount: 8,
      subtotal: { amount: 8 * 1234, currency: 'USD' },
      items: [{ id: items[0].id, quantity: 8, lineTotal: { amount: 9872, currency: 'USD' } }],
    });
  });

  it.each([0, -1, 100])('refuses a quantity of %i and leaves the line as it was', async (quantity) => {
    const lamp = await cart.upstream.addProduct({ price: 100, stock: 500 });
    const caller = shopper();
    const { items } = await addToCart(cart, caller, lamp, 2);
    const result = await cart.run(caller, UPDATE_CART_ITEM, { itemId: items[0].id, quantity });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/^quantity: /);
    expect((await cart.run(caller, CART)).data?.cart.items[0].quantity).toBe(2);
  });

  it('refuses more than is in stock', async () => {
    const lamp = await cart.upstream.addProduct({ price: 100, stock: 3 });
    const caller = shopper();
    const { items } = await addToCart(cart, caller, lamp, 1);
    const result = await cart.run(caller, UPDATE_CART_ITEM, { itemId: items[0].id, quantity: 4 });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toBe('quantity: only 3 in stock');
  });

  it("answers NOT_FOUND for another user's item and leaves it alone", async () => {
    const lamp = await cart.upstream.addProduct({ price: 100, stock: 10 });
    const owner = shopper();
    const { items } = await addToCart(cart, owner, lamp, 2);
    const result = await cart.run(shopper(), UPDATE_CART_ITEM, { itemId: items[0].id, quantity: 5 });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect((await cart.run(owner, CART)).data?.cart.items[0].quantity).toBe(2);
  });

  it('answers NOT_FOUND for an id that is not an item id at all', async () => {
    const result = await cart.run(shopper(), UPDATE_CART_ITEM, { itemId: 'not-a-uuid', quantity: 1 });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });
});

describe('removeFromCart', () => {
  it('removes the line and reprices the cart', async () => {
    const lamp = await cart.upstream.addProduct({ price: 300, stock: 10 });
    const rug = await cart.upstream.addProduct({ price: 700, stock: 10 });
    const caller = shopper();
    await addToCart(cart, caller, lamp, 1);
    const { items } = await addToCart(cart, caller, rug, 2);
    const result = await cart.run(caller, REMOVE_FROM_CART, { itemId: items[1].id });
    expect(result.errors).toBeUndefined();
    expect(result.data?.removeFromCart).toMatchObject({
      itemCount: 1,
      subtotal: { amount: 300, currency: 'USD' },
      items: [{ product: { id: lamp } }],
    });
  });

  it("answers NOT_FOUND for another user's item and leaves it alone", async () => {
    const lamp = await cart.upstream.addProduct({ price: 100, stock: 10 });
    const owner = shopper();
    const { items } = await addToCart(cart, owner, lamp, 1);
    const result = await cart.run(shopper(), REMOVE_FROM_CART, { itemId: items[0].id });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect((await cart.run(owner, CART)).data?.cart.items).toHaveLength(1);
  });
});

describe('clearCart', () => {
  it("empties the caller's cart only", async () => {
    const lamp = await cart.upstream.addProduct({ price: 100, stock: 10 });
    const caller = shopper();
    const other = shopper();
    await addToCart(cart, caller, lamp, 2);
    await addToCart(cart, other, lamp, 1);
    const result = await cart.run(caller, CLEAR_CART);
    expect(result.errors).toBeUndefined();
    expect(result.data?.clearCart).toEqual({
      id: caller.userId,
      items: [],
      itemCount: 0,
      subtotal: { amount: 0, currency: 'USD' },
    });
    expect((await cart.run(other, CART)).data?.cart.itemCount).toBe(1);
  });

  it.each([
    ['updateCartItem', UPDATE_CART_ITEM, { itemId: '00000000-0000-4000-8000-000000000000', quantity: 1 }],
    ['removeFromCart', REMOVE_FROM_CART, { itemId: '00000000-0000-4000-8000-000000000000' }],
    ['clearCart', CLEAR_CART, {}],
  ])('%s refuses anonymous callers', async (_name, mutation, variables) => {
    expect(errorCodes(await cart.run(null, mutation, variables))).toEqual(['UNAUTHENTICATED']);
  });
});
