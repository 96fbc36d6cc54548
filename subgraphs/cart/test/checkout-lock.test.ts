import { randomUUID } from 'node:crypto';
import { serviceCaller, type Caller } from '@agora/subgraph-kit';
import { errorCodes } from '@agora/testing';
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

// The checkout lock (cart-checkout.ts) on a real database, called as orders would.
const BEGIN = `mutation ($userId: ID!, $key: String!, $ttl: Int!) {
  beginCheckout(userId: $userId, checkoutKey: $key, ttlSeconds: $ttl) { ${CART_FIELDS} }
}`;
const COMPLETE = `mutation ($userId: ID!, $key: String!, $lines: [OrderedCartLineInput!]!) {
  completeCheckout(userId: $userId, checkoutKey: $key, lines: $lines) { ${CART_FIELDS} }
}`;
const RELEASE = `mutation ($userId: ID!, $key: String!) { releaseCheckout(userId: $userId, checkoutKey: $key) { id } }`;
const IN_PROGRESS = 'cart: a checkout of this cart is in progress';

const orders = serviceCaller('orders');
let cart: CartHarness;
beforeAll(async () => {
  cart = await startCart();
});
afterAll(() => cart.stop());

type Line = { id: string; quantity: number; product: { id: string } };

const key = () => `checkout-${randomUUID()}`;
const begin = (caller: Caller, checkoutKey: string, ttl = 900) =>
  cart.run(orders, BEGIN, { userId: caller.userId, key: checkoutKey, ttl });
const complete = (caller: Caller, checkoutKey: string, lines: { itemId: string; quantity: number }[]) =>
  cart.run(orders, COMPLETE, { userId: caller.userId, key: checkoutKey, lines });
const release = (caller: Caller, checkoutKey: string) =>
  cart.run(orders, RELEASE, { userId: caller.userId, key: checkoutKey });

async function linesOf(caller: Caller): Promise<Line[]> {
  return (await cart.run(caller, CART)).data?.cart.items;
}

/** A shopper with 3 units of a lamp and 1 of a rug; returns their ids and line ids. */
async function shopperWithCart() {
  const lamp = await cart.upstream.addProduct({ name: 'Lamp', price: 1000, stock: 50 });
  const rug = await cart.upstream.addProduct({ name: 'Rug', price: 2500, stock: 50 });
  const caller = shopper();
  await addToCart(cart, caller, lamp, 3);
  const { items } = await addToCart(cart, caller, rug, 1);
  const [lampLine, rugLine] = items as [Line, Line];
  return { caller, lamp, rug, lampLine: lampLine.id, rugLine: rugLine.id };
}

describe('beginCheckout', () => {
  it('locks the cart and answers its lines with prices and availability', async () => {
    const { caller, lamp, lampLine, rugLine } = await shopperWithCart();
    const result = await begin(caller, key());
    expect(result.errors).toBeUndefined();
    expect(result.data?.beginCheckout).toMatchObject({
      id: caller.userId,
      subtotal: { amount: 5500, currency: 'USD' },
      items: [
        { id: lampLine, product: { id: lamp }, quantity: 3, unitPrice: { amount: 1000 }, available: true },
        { id: rugLine, quantity: 1, lineTotal: { amount: 2500 }, available: true },
      ],
    });
  });

  it('refuses another checkout while one holds the cart, whatever its key, and lets the same key in again', async () => {
    const { caller } = await shopperWithCart();
    const first = key();
    expect((await begin(caller, first)).errors).toBeUndefined();
    const other = await begin(caller, key());
    expect(errorCodes(other)).toEqual(['CONFLICT']);
    expect(other.errors?.[0]?.message).toBe(IN_PROGRESS);
    const again = await begin(caller, first);
    expect(again.errors).toBeUndefined();
    expect(again.data?.beginCheckout.itemCount).toBe(4);
  });

  it('lets exactly one of many checkouts with different keys racing each other lock the cart', async () => {
    const { caller } = await shopperWithCart();
    const results = await Promise.all(Array.from({ length: 20 }, () => begin(caller, key())));
    expect(results.filter((result) => result.errors === undefined)).toHaveLength(1);
    expect(results.flatMap(errorCodes)).toEqual(Array(19).fill('CONFLICT'));
  });

  it('lets another checkout in once the lock lapsed', async () => {
    const { caller } = await shopperWithCart();
    expect((await begin(caller, key())).errors).toBeUndefined();
    // The lock's time ran out (as if its checkout's process died).
    await cart.db.pool.query(`update carts set checkout_expires_at = now() - interval '1 second' where user_id = $1`, [
      caller.userId,
    ]);
    expect((await begin(caller, key())).errors).toBeUndefined();
  });

  it('answers an empty cart and writes nothing for a user without a cart', async () => {
    const before = await cart.rows();
    const result = await begin(shopper(), key());
    expect(result.data?.beginCheckout).toMatchObject({ items: [], itemCount: 0 });
    expect(await cart.rows()).toEqual(before);
  });

  it('leaves the shopper free to change the cart while a checkout holds it', async () => {
    const { caller, lampLine, rugLine } = await shopperWithCart();
    const extra = await cart.upstream.addProduct({ price: 100, stock: 5 });
    expect((await begin(caller, key())).errors).toBeUndefined();
    expect((await cart.run(caller, ADD_TO_CART, { productId: extra, quantity: 1 })).errors).toBeUndefined();
    expect((await cart.run(caller, UPDATE_CART_ITEM, { itemId: lampLine, quantity: 5 })).errors).toBeUndefined();
    expect((await cart.run(caller, REMOVE_FROM_CART, { itemId: rugLine })).errors).toBeUndefined();
    expect((await cart.run(caller, CLEAR_CART)).errors).toBeUndefined();
  });
});

describe('completeCheckout', () => {
  it('takes out exactly the ordered units, keeps what was added meanwhile, and frees the cart', async () => {
    const { caller, lamp, lampLine, rugLine } = await shopperWithCart();
    const checkoutKey = key();
    await begin(caller, checkoutKey);
    const added = await cart.upstream.addProduct({ name: 'Vase', price: 700, stock: 5 });
    await addToCart(cart, caller, added, 2);
    await addToCart(cart, caller, lamp, 4);

    const result = await complete(caller, checkoutKey, [
      { itemId: lampLine, quantity: 3 },
      { itemId: rugLine, quantity: 1 },
    ]);
    expect(result.errors).toBeUndefined();
    expect(result.data?.completeCheckout.items).toEqual([
      expect.objectContaining({ id: lampLine, quantity: 4 }),
      expect.objectContaining({ product: { id: added }, quantity: 2 }),
    ]);
    expect((await begin(caller, key())).errors).toBeUndefined();
  });

  it('skips a line removed meanwhile and deletes one lowered below what was ordered', async () => {
    const { caller, rug, lampLine, rugLine } = await shopperWithCart();
    const checkoutKey = key();
    await begin(caller, checkoutKey);
    await cart.run(caller, UPDATE_CART_ITEM, { itemId: lampLine, quantity: 1 });
    await cart.run(caller, REMOVE_FROM_CART, { itemId: rugLine });
    // The rug comes back as a new line: not the one the checkout ordered.
    const { items } = await addToCart(cart, caller, rug, 1);
    const newRugLine = (items as Line[]).find((line) => line.product.id === rug)?.id;
    expect(newRugLine).not.toBe(rugLine);

    const result = await complete(caller, checkoutKey, [
      { itemId: lampLine, quantity: 3 },
      { itemId: rugLine, quantity: 1 },
    ]);
    expect(result.errors).toBeUndefined();
    expect(result.data?.completeCheckout.items).toEqual([expect.objectContaining({ id: newRugLine, quantity: 1 })]);
  });

  it('changes nothing when called again, and the completed key can never lock the cart again', async () => {
    const { caller, lamp, lampLine } = await shopperWithCart();
    const checkoutKey = key();
    await begin(caller, checkoutKey);
    await complete(caller, checkoutKey, [{ itemId: lampLine, quantity: 2 }]);
    await addToCart(cart, caller, lamp, 2);

    const again = await complete(caller, checkoutKey, [{ itemId: lampLine, quantity: 2 }]);
    expect(again.errors).toBeUndefined();
    expect((await linesOf(caller)).find((line) => line.id === lampLine)?.quantity).toBe(3);
    const relock = await begin(caller, checkoutKey);
    expect(errorCodes(relock)).toEqual(['CONFLICT']);
    expect(relock.errors?.[0]?.message).toBe('cart: this checkout has already taken its lines out of the cart');
  });

  it('takes nothing out for a checkout that does not hold the cart, and leaves the holder its lock', async () => {
    const { caller, lampLine } = await shopperWithCart();
    const holder = key();
    await begin(caller, holder);
    expect((await complete(caller, key(), [{ itemId: lampLine, quantity: 3 }])).errors).toBeUndefined();
    expect((await linesOf(caller)).map((line) => line.quantity)).toEqual([3, 1]);
    expect(errorCodes(await begin(caller, key()))).toEqual(['CONFLICT']);
  });
});

describe('releaseCheckout', () => {
  it('frees the cart and leaves its lines as they are', async () => {
    const { caller } = await shopperWithCart();
    const checkoutKey = key();
    await begin(caller, checkoutKey);
    expect((await release(caller, checkoutKey)).errors).toBeUndefined();
    expect((await linesOf(caller)).map((line) => line.quantity)).toEqual([3, 1]);
    expect((await begin(caller, key())).errors).toBeUndefined();
  });

  it('does nothing for a checkout that does not hold the cart', async () => {
    const { caller } = await shopperWithCart();
    await begin(caller, key());
    expect((await release(caller, key())).errors).toBeUndefined();
    expect(errorCodes(await begin(caller, key()))).toEqual(['CONFLICT']);
  });
});

describe('who may lock a cart', () => {
  it('lets only the orders service in: another service FORBIDDEN, users and anonymous callers UNAUTHENTICATED', async () => {
    const { caller } = await shopperWithCart();
    const variables = { userId: caller.userId, key: key(), ttl: 60, lines: [] };
    const serviceRoleUser: Caller = { userId: caller.userId, roles: ['customer', 'service'] };
    for (const mutation of [BEGIN, COMPLETE, RELEASE]) {
      expect(errorCodes(await cart.run(serviceCaller('inventory'), mutation, variables))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await cart.run(caller, mutation, variables))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await cart.run(serviceRoleUser, mutation, variables))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await cart.run(null, mutation, variables))).toEqual(['UNAUTHENTICATED']);
    }
  });

  it.each([
    ['a time to live of 0', BEGIN, { ttl: 0 }, 'ttlSeconds'],
    ['an empty key', BEGIN, { key: ' ', ttl: 60 }, 'checkoutKey'],
    ['a line named twice', COMPLETE, { lines: [1, 2].map(() => ({ itemId: 'x', quantity: 1 })) }, 'lines'],
    ['an ordered quantity of 0', COMPLETE, { lines: [{ itemId: 'x', quantity: 0 }] }, 'lines.0.quantity'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_label, mutation, overrides, field) => {
    const { caller } = await shopperWithCart();
    const result = await cart.run(orders, mutation, { userId: caller.userId, key: key(), ...overrides });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
  });
});
