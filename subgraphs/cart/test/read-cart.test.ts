import { serviceCaller } from '@agora/subgraph-kit';
import { errorCodes } from '@agora/testing';
import { addToCart, CART, CART_FIELDS, shopper, startCart, type CartHarness } from './setup';

const USER_CART = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on User { id cart { ${CART_FIELDS} } } }
}`;

const CART_ENTITY = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Cart { ${CART_FIELDS} } }
}`;

let cart: CartHarness;
beforeAll(async () => {
  cart = await startCart();
});
afterAll(() => cart.stop());

describe('Query.cart', () => {
  it('answers an empty cart with the caller id for a user who never added anything, writing nothing', async () => {
    const caller = shopper();
    const before = await cart.rows();
    const result = await cart.run(caller, CART);
    expect(result.errors).toBeUndefined();
    expect(result.data?.cart).toEqual({
      id: caller.userId,
      items: [],
      itemCount: 0,
      subtotal: { amount: 0, currency: 'USD' },
    });
    expect(await cart.rows()).toEqual(before);
  });

  it('refuses anonymous callers, nulling only the cart', async () => {
    const result = await cart.run(null, CART);
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.data).toEqual({ cart: null });
  });

  it('shows a price change in the catalog right away (the cart keeps no copy)', async () => {
    const lamp = await cart.upstream.addProduct({ price: 1000, stock: 10 });
    const caller = shopper();
    await addToCart(cart, caller, lamp, 3);
    await cart.upstream.setPrice(lamp, 1250);
    const result = await cart.run(caller, CART);
    expect(result.data?.cart).toMatchObject({
      subtotal: { amount: 3750, currency: 'USD' },
      items: [{ unitPrice: { amount: 1250, currency: 'USD' }, lineTotal: { amount: 3750, currency: 'USD' } }],
    });
  });

  it('answers every line available, with its reason null, while the catalog has not changed', async () => {
    const lamp = await cart.upstream.addProduct({ price: 500, stock: 10 });
    const caller = shopper();
    await addToCart(cart, caller, lamp, 2);
    const result = await cart.run(caller, CART);
    expect(result.data?.cart.items).toEqual([
      expect.objectContaining({ available: true, unavailableReason: null, unavailableMessage: null }),
    ]);
  });
});

describe('User.cart', () => {
  it("answers the caller's own cart", async () => {
    const lamp = await cart.upstream.addProduct({ price: 100, stock: 10 });
    const caller = shopper();
    await addToCart(cart, caller, lamp, 2);
    const result = await cart.run(caller, USER_CART, {
      representations: [{ __typename: 'User', id: caller.userId }],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities[0].cart).toMatchObject({ id: caller.userId, itemCount: 2 });
  });

  it("refuses someone else's cart with FORBIDDEN on the cart alone: the user still resolves", async () => {
    const lamp = await cart.upstream.addProduct({ price: 100, stock: 10 });
    const owner = shopper();
    await addToCart(cart, owner, lamp, 1);
    const result = await cart.run(shopper(), USER_CART, {
      representations: [{ __typename: 'User', id: owner.userId }],
    });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(result.errors?.[0]?.path).toEqual(['_entities', 0, 'cart']);
    expect(result.data?._entities).toEqual([{ id: owner.userId, cart: null }]);
  });

  it('refuses anonymous callers on the cart alone', async () => {
    const owner = shopper().userId;
    const result = await cart.run(null, USER_CART, { representations: [{ __typename: 'User', id: owner }] });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.data?._entities).toEqual([{ id: owner, cart: null }]);
  });
});

describe('Cart entity', () => {
  it('resolves by its key for the owner and for another service, and refuses other users', async () => {
    const lamp = await cart.upstream.addProduct({ price: 100, stock: 10 });
    const owner = shopper();
    await addToCart(cart, owner, lamp, 4);
    const representations = [{ __typename: 'Cart', id: owner.userId }];

    const mine = await cart.run(owner, CART_ENTITY, { representations });
    expect(mine.data?._entities).toEqual([expect.objectContaining({ id: owner.userId, itemCount: 4 })]);
    const orders = await cart.run(serviceCaller('orders'), CART_ENTITY, {
      representations,
    });
    expect(orders.data?._entities[0].subtotal).toEqual({ amount: 400, currency: 'USD' });
    expect(errorCodes(await cart.run(shopper(), CART_ENTITY, { representations }))).toEqual(['FORBIDDEN']);
  });
});
