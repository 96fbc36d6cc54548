import { randomUUID } from 'node:crypto';
import { MAX_MONEY_AMOUNT, serviceCaller, type Caller } from '@agora/subgraph-kit';
import { eq } from 'drizzle-orm';
import { carts } from '../src/db/schema';
import {
  ADD_TO_CART,
  addToCart,
  CART,
  CART_FIELDS,
  CLEAR_CART,
  REMOVE_FROM_CART,
  shopper,
  startCart,
  UPDATE_CART_ITEM,
  type CartHarness,
} from './setup';

// A cart keeps the currency its shopper chose with its first product: a product the catalog
// reprices in another currency is the line marked, whichever line it is.
let cart: CartHarness;
beforeAll(async () => {
  cart = await startCart();
});
afterAll(() => cart.stop());

const BEGIN = `mutation ($userId: ID!, $key: String!) {
  beginCheckout(userId: $userId, checkoutKey: $key, ttlSeconds: 60) { ${CART_FIELDS} }
}`;
const COMPLETE = `mutation ($userId: ID!, $key: String!, $lines: [OrderedCartLineInput!]!) {
  completeCheckout(userId: $userId, checkoutKey: $key, lines: $lines) { ${CART_FIELDS} }
}`;
const orders = serviceCaller('orders');

type Item = { id: string; product: { id: string } };

/** A shopper whose cart holds a 3898 USD kettle (added first) and a 1200 USD teapot. */
async function kettleThenTeapot() {
  const kettle = await cart.upstream.addProduct({ name: 'Kettle', price: 3898, stock: 20 });
  const teapot = await cart.upstream.addProduct({ name: 'Teapot', price: 1200, stock: 20 });
  const caller = shopper();
  await addToCart(cart, caller, kettle, 1);
  const { items } = await addToCart(cart, caller, teapot, 1);
  const [kettleItem, teapotItem] = (items as Item[]).map((item) => item.id) as [string, string];
  return { caller, kettle, teapot, kettleItem, teapotItem };
}

async function readCart(caller: Caller) {
  const result = await cart.run(caller, CART);
  expect(result.errors).toBeUndefined();
  return result.data?.cart;
}

const storedCurrency = async (caller: Caller) =>
  (await cart.db.db.select({ currency: carts.currency }).from(carts).where(eq(carts.userId, caller.userId)))[0]
    ?.currency;

const mismatch = (name: string, currency: string) => ({
  available: false,
  unavailableReason: 'CURRENCY_MISMATCH',
  unavailableMessage: `${name} is now priced in ${currency}; your cart is in USD: remove it to check out.`,
});

describe('a product repriced in another currency', () => {
  it('marks its line when it is the oldest, and leaves the newer line and the subtotal in the cart currency', async () => {
    const { caller, kettle, kettleItem, teapotItem } = await kettleThenTeapot();
    await cart.upstream.setPrice(kettle, 100, 'EUR');

    expect(await readCart(caller)).toMatchObject({
      itemCount: 1,
      subtotal: { amount: 1200, currency: 'USD' },
      items: [
        { id: kettleItem, unitPrice: { amount: 100, currency: 'EUR' }, ...mismatch('Kettle', 'EUR') },
        { id: teapotItem, available: true, unavailableReason: null },
      ],
    });
  });

  it('marks its line when it is the newest', async () => {
    const { caller, teapot, kettleItem, teapotItem } = await kettleThenTeapot();
    await cart.upstream.setPrice(teapot, 1100, 'EUR');
    expect(await readCart(caller)).toMatchObject({
      itemCount: 1,
      subtotal: { amount: 3898, currency: 'USD' },
      items: [
        { id: kettleItem, available: true },
        { id: teapotItem, ...mismatch('Teapot', 'EUR') },
      ],
    });
  });

  it('marks a line alone in its cart instead of turning the cart into the new currency', async () => {
    const kettle = await cart.upstream.addProduct({ name: 'Kettle', price: 3898, stock: 20 });
    const caller = shopper();
    await addToCart(cart, caller, kettle, 1);
    await cart.upstream.setPrice(kettle, 200, 'EUR');
    expect(await readCart(caller)).toMatchObject({
      itemCount: 0,
      subtotal: { amount: 0, currency: 'USD' },
      items: [{ lineTotal: { amount: 200, currency: 'EUR' }, ...mismatch('Kettle', 'EUR') }],
    });
  });

  it('is marked rather than over the money bound when its new total is too large as well', async () => {
    const { caller, kettle, teapotItem } = await kettleThenTeapot();
    await addToCart(cart, caller, kettle, 1);
    await cart.upstream.setPrice(kettle, MAX_MONEY_AMOUNT, 'EUR');
    expect(await readCart(caller)).toMatchObject({
      itemCount: 1,
      subtotal: { amount: 1200, currency: 'USD' },
      items: [
        { lineTotal: null, ...mismatch('Kettle', 'EUR') },
        { id: teapotItem, available: true },
      ],
    });
  });

  it('keeps the cart open to products in its currency, and refuses more of the repriced one', async () => {
    const { caller, kettle, kettleItem } = await kettleThenTeapot();
    await cart.upstream.setPrice(kettle, 100, 'EUR');
    const more = await cart.run(caller, ADD_TO_CART, { productId: kettle, quantity: 1 });
    expect(more.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'productId' });
    expect(more.errors?.[0]?.message).toBe('productId: priced in EUR, your cart is in USD');
    const raised = await cart.run(caller, UPDATE_CART_ITEM, { itemId: kettleItem, quantity: 2 });
    expect(raised.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'itemId' });
    expect(raised.errors?.[0]?.message).toBe(
      'itemId: Kettle is now priced in EUR; your cart is in USD: remove it to check out.',
    );

    const mug = await cart.upstream.addProduct({ name: 'Mug', price: 700, stock: 20 });
    expect(await addToCart(cart, caller, mug, 2)).toMatchObject({
      itemCount: 3,
      subtotal: { amount: 1200 + 1400, currency: 'USD' },
    });
  });

  it('is marked in the checkout snapshot too, and once removed the rest can be checked out', async () => {
    const { caller, kettle, kettleItem, teapotItem } = await kettleThenTeapot();
    await cart.upstream.setPrice(kettle, 100, 'EUR');
    const checkoutKey = randomUUID();
    const locked = await cart.run(orders, BEGIN, { userId: caller.userId, key: checkoutKey });
    expect(locked.errors).toBeUndefined();
    expect(locked.data?.beginCheckout).toMatchObject({
      subtotal: { amount: 1200, currency: 'USD' },
      items: [
        { id: kettleItem, ...mismatch('Kettle', 'EUR') },
        { id: teapotItem, available: true },
      ],
    });

    expect((await cart.run(caller, REMOVE_FROM_CART, { itemId: kettleItem })).errors).toBeUndefined();
    const again = await cart.run(orders, BEGIN, { userId: caller.userId, key: checkoutKey });
    expect(again.data?.beginCheckout).toEqual({
      ...locked.data?.beginCheckout,
      itemCount: 1,
      items: [expect.objectContaining({ id: teapotItem, available: true })],
    });
  });
});

describe('an emptied cart', () => {
  it('takes the currency of the next product put into it, after its last line is removed', async () => {
    const kettle = await cart.upstream.addProduct({ name: 'Kettle', price: 3898, stock: 20 });
    const caller = shopper();
    const { items } = await addToCart(cart, caller, kettle, 1);
    await cart.upstream.setPrice(kettle, 200, 'EUR');
    await cart.run(caller, REMOVE_FROM_CART, { itemId: (items as Item[])[0]?.id });
    expect(await storedCurrency(caller)).toBeNull();

    expect(await addToCart(cart, caller, kettle, 1)).toMatchObject({
      itemCount: 1,
      subtotal: { amount: 200, currency: 'EUR' },
      items: [{ available: true }],
    });
    expect(await storedCurrency(caller)).toBe('EUR');
    const dollars = await cart.upstream.addProduct({ price: 100, stock: 5 });
    const refused = await cart.run(caller, ADD_TO_CART, { productId: dollars, quantity: 1 });
    expect(refused.errors?.[0]?.message).toBe('productId: priced in USD, your cart is in EUR');
  });

  it('takes a new currency after clearCart, and after a checkout took out every line', async () => {
    const { caller } = await kettleThenTeapot();
    expect((await cart.run(caller, CLEAR_CART)).errors).toBeUndefined();
    const euros = await cart.upstream.addProduct({ name: 'Crêpe Pan', price: 4500, currency: 'EUR', stock: 5 });
    expect(await addToCart(cart, caller, euros, 1)).toMatchObject({ subtotal: { amount: 4500, currency: 'EUR' } });

    const buyer = (await kettleThenTeapot()).caller;
    const { items } = await readCart(buyer);
    const checkoutKey = randomUUID();
    await cart.run(orders, BEGIN, { userId: buyer.userId, key: checkoutKey });
    const lines = (items as Item[]).map((item) => ({ itemId: item.id, quantity: 1 }));
    expect(
      (await cart.run(orders, COMPLETE, { userId: buyer.userId, key: checkoutKey, lines })).errors,
    ).toBeUndefined();
    expect(await storedCurrency(buyer)).toBeNull();
    expect(await addToCart(cart, buyer, euros, 1)).toMatchObject({ subtotal: { currency: 'EUR' } });
  });
});

describe('a cart from before carts recorded their currency', () => {
  it('keeps the currency of its oldest line as first priced, then marks that line once it is repriced', async () => {
    const { caller, kettle, kettleItem, teapotItem } = await kettleThenTeapot();
    await cart.db.db.update(carts).set({ currency: null }).where(eq(carts.userId, caller.userId));

    expect(await readCart(caller)).toMatchObject({ subtotal: { amount: 5098, currency: 'USD' } });
    expect(await storedCurrency(caller)).toBe('USD');
    await cart.upstream.setPrice(kettle, 100, 'EUR');
    expect(await readCart(caller)).toMatchObject({
      subtotal: { amount: 1200, currency: 'USD' },
      items: [
        { id: kettleItem, ...mismatch('Kettle', 'EUR') },
        { id: teapotItem, available: true },
      ],
    });
  });
});
