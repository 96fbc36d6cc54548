import { MAX_MONEY_AMOUNT } from '@agora/subgraph-kit';
import { errorCodes } from '@agora/testing';
import {
  ADD_TO_CART,
  addToCart,
  CART,
  REMOVE_FROM_CART,
  shopper,
  startCart,
  UPDATE_CART_ITEM,
  type CartHarness,
} from './setup';

// The catalog changes under a cart: the line stays visible and removable, marked with why it cannot be bought.
let cart: CartHarness;
beforeAll(async () => {
  cart = await startCart();
});
afterAll(() => cart.stop());

type Item = { id: string; product: { id: string } };

/** A shopper whose cart holds one unit of a 500 USD lamp and two of a 900 USD rug, in that order. */
async function lampAndRug() {
  const lamp = await cart.upstream.addProduct({ name: 'Desk Lamp', price: 500, stock: 10 });
  const rug = await cart.upstream.addProduct({ name: 'Wool Rug', price: 900, stock: 10 });
  const caller = shopper();
  await addToCart(cart, caller, lamp, 1);
  const { items } = await addToCart(cart, caller, rug, 2);
  const itemOf = (productId: string) => (items as Item[]).find((item) => item.product.id === productId) as Item;
  return { caller, lamp, rug, lampItem: itemOf(lamp).id, rugItem: itemOf(rug).id };
}

async function readCart(caller: ReturnType<typeof shopper>) {
  const result = await cart.run(caller, CART);
  expect(result.errors).toBeUndefined();
  return result.data?.cart;
}

describe('a line whose product left the catalog', () => {
  it('stays visible and removable, marked PRODUCT_REMOVED, out of the subtotal and item count', async () => {
    const { caller, lamp, lampItem } = await lampAndRug();
    await cart.upstream.deleteProduct(lamp);

    expect(await readCart(caller)).toMatchObject({
      itemCount: 2,
      subtotal: { amount: 1800, currency: 'USD' },
      items: [
        {
          id: lampItem,
          product: { id: lamp },
          quantity: 1,
          unitPrice: null,
          lineTotal: null,
          available: false,
          unavailableReason: 'PRODUCT_REMOVED',
          unavailableMessage: 'Desk Lamp is no longer sold: remove it from your cart.',
        },
        { available: true, unavailableReason: null, lineTotal: { amount: 1800 } },
      ],
    });
    const removed = await cart.run(caller, REMOVE_FROM_CART, { itemId: lampItem });
    expect(removed.errors).toBeUndefined();
    expect(removed.data?.removeFromCart.items).toHaveLength(1);
  });

  it('refuses more units of it, naming itemId, and adding it again, naming productId', async () => {
    const { caller, lamp, lampItem } = await lampAndRug();
    // Its stock is gone too: the shopper hears that it is no longer sold, not that it is out of stock.
    await cart.upstream.setStock(lamp, 0);
    await cart.upstream.deleteProduct(lamp);
    const updated = await cart.run(caller, UPDATE_CART_ITEM, { itemId: lampItem, quantity: 3 });
    expect(errorCodes(updated)).toEqual(['BAD_USER_INPUT']);
    expect(updated.errors?.[0]?.message).toBe('itemId: Desk Lamp is no longer sold: remove it from your cart.');
    const added = await cart.run(caller, ADD_TO_CART, { productId: lamp, quantity: 1 });
    expect(added.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'productId' });
    expect(added.errors?.[0]?.message).toBe(`productId: product ${lamp} is no longer sold`);
    expect((await readCart(caller)).items[0]).toMatchObject({ quantity: 1, available: false });
  });
});

describe('a line repriced in another currency', () => {
  it('stays visible with its new price, marked CURRENCY_MISMATCH, out of the subtotal, and removable', async () => {
    const { caller, rug, rugItem } = await lampAndRug();
    await cart.upstream.setPrice(rug, 800, 'EUR');

    expect(await readCart(caller)).toMatchObject({
      itemCount: 1,
      subtotal: { amount: 500, currency: 'USD' },
      items: [
        { available: true },
        {
          id: rugItem,
          unitPrice: { amount: 800, currency: 'EUR' },
          lineTotal: { amount: 1600, currency: 'EUR' },
          available: false,
          unavailableReason: 'CURRENCY_MISMATCH',
          unavailableMessage: 'Wool Rug is now priced in EUR; your cart is in USD: remove it to check out.',
        },
      ],
    });
    expect((await cart.run(caller, REMOVE_FROM_CART, { itemId: rugItem })).errors).toBeUndefined();
    expect((await readCart(caller)).items).toHaveLength(1);
  });
});

describe('lines repriced over the money bound after they were added', () => {
  it('marks AMOUNT_LIMIT, in cart order, each line that would take the subtotal over, and never overflows', async () => {
    const { caller, lamp, rug, lampItem, rugItem } = await lampAndRug();
    const cheap = await cart.upstream.addProduct({ price: 10, stock: 10 });
    await addToCart(cart, caller, cheap, 1);
    await cart.upstream.setPrice(lamp, MAX_MONEY_AMOUNT - 100);
    await cart.upstream.setPrice(rug, MAX_MONEY_AMOUNT);

    const repriced = await readCart(caller);
    expect(repriced).toMatchObject({
      itemCount: 2,
      subtotal: { amount: MAX_MONEY_AMOUNT - 90, currency: 'USD' },
      items: [
        { id: lampItem, available: true, lineTotal: { amount: MAX_MONEY_AMOUNT - 100 } },
        { id: rugItem, available: false, unavailableReason: 'AMOUNT_LIMIT', lineTotal: null },
        { product: { id: cheap }, available: true },
      ],
    });
    expect(repriced.items[1].unavailableMessage).toBe(
      'Wool Rug (2 × 100000000 USD) would take your cart over the limit of 100000000 (amounts in minor units): ' +
        'lower its quantity or remove it.',
    );
    // The same lines always get the same marks.
    expect(await readCart(caller)).toEqual(repriced);

    // Lowering the first line makes room: a line's quantity may always go down.
    await cart.upstream.setPrice(rug, MAX_MONEY_AMOUNT / 4);
    const lowered = await cart.run(caller, UPDATE_CART_ITEM, { itemId: rugItem, quantity: 1 });
    expect(lowered.errors).toBeUndefined();
    expect(lowered.data?.updateCartItem.items[1]).toMatchObject({
      available: false,
      unavailableReason: 'AMOUNT_LIMIT',
    });
    expect((await cart.run(caller, REMOVE_FROM_CART, { itemId: lampItem })).data?.removeFromCart).toMatchObject({
      itemCount: 2,
      subtotal: { amount: MAX_MONEY_AMOUNT / 4 + 10 },
      items: [{ id: rugItem, available: true }, { available: true }],
    });
  });

  it('marks a single line whose own total went over the bound, and refuses adding to the cart past it', async () => {
    const safe = await cart.upstream.addProduct({ name: 'Wall Safe', price: 1_000_000, stock: 100 });
    const caller = shopper();
    await addToCart(cart, caller, safe, 99);
    await cart.upstream.setPrice(safe, MAX_MONEY_AMOUNT);
    expect(await readCart(caller)).toMatchObject({
      itemCount: 0,
      subtotal: { amount: 0, currency: 'USD' },
      items: [
        { quantity: 99, unitPrice: { amount: MAX_MONEY_AMOUNT }, lineTotal: null, unavailableReason: 'AMOUNT_LIMIT' },
      ],
    });
    const more = await cart.run(caller, ADD_TO_CART, { productId: safe, quantity: 1 });
    expect(more.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
  });
});
