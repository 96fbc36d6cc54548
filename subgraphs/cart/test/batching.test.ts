import { serviceCaller } from '@agora/subgraph-kit';
import { addToCart, ADD_TO_CART, CART, shopper, startCart, type CartHarness } from './setup';

interface Cost {
  sql: number;
  catalog: number;
  inventory: number;
}

let cart: CartHarness;
beforeAll(async () => {
  cart = await startCart();
});
afterAll(() => cart.stop());

/** A shopper whose cart holds `size` different products, and one more product not in it. */
async function cartOf(size: number) {
  const caller = shopper();
  for (let n = 0; n < size; n += 1) {
    const productId = await cart.upstream.addProduct({ price: 100 + n, stock: 10 });
    await addToCart(cart, caller, productId, 1);
  }
  const extra = await cart.upstream.addProduct({ price: 5, stock: 10 });
  return { caller, extra };
}

/** What one operation costs the cart's database and the two services it asks. */
async function costOf(run: () => Promise<unknown>): Promise<Cost> {
  cart.queries.reset();
  cart.upstream.catalog.requests.count = 0;
  cart.upstream.inventory.requests.count = 0;
  await run();
  return {
    sql: cart.queries.count,
    catalog: cart.upstream.catalog.requests.count,
    inventory: cart.upstream.inventory.requests.count,
  };
}

describe('cost of a cart', () => {
  it('costs the same SQL statements and upstream requests to read a cart of 3 items as one of 30', async () => {
    const small = await cartOf(3);
    const large = await cartOf(30);
    const read = (caller: typeof small.caller) => async () => {
      const result = await cart.run(caller, CART);
      expect(result.errors).toBeUndefined();
      return result;
    };
    const smallCost = await costOf(read(small.caller));
    const largeCost = await costOf(read(large.caller));
    expect(largeCost).toEqual(smallCost);
    expect(smallCost).toEqual({ sql: 1, catalog: 1, inventory: 0 });
  });

  it('costs the same to add to a cart of 3 items as to one of 30', async () => {
    const small = await cartOf(3);
    const large = await cartOf(30);
    const add = (who: typeof small) => async () => {
      const result = await cart.run(who.caller, ADD_TO_CART, { productId: who.extra, quantity: 1 });
      expect(result.errors).toBeUndefined();
      expect(result.data?.addToCart.items).toHaveLength(who === small ? 4 : 31);
    };
    const smallCost = await costOf(add(small));
    const largeCost = await costOf(add(large));
    expect(largeCost).toEqual(smallCost);
    // Read the cart's lines; begin, upsert the cart, lock the line, add, commit; read the lines again.
    expect(smallCost).toEqual({ sql: 7, catalog: 1, inventory: 1 });
  });

  it('resolves many carts by key (a service pricing them) with one SQL statement and one catalog request', async () => {
    const carts = [await cartOf(3), await cartOf(5), await cartOf(2)];
    const orders = serviceCaller('orders');
    const cost = await costOf(async () => {
      const result = await cart.run(
        orders,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Cart { id itemCount subtotal { amount } } } }',
        { r: carts.map(({ caller }) => ({ __typename: 'Cart', id: caller.userId })) },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities.map((c: { itemCount: number }) => c.itemCount)).toEqual([3, 5, 2]);
    });
    expect(cost).toEqual({ sql: 1, catalog: 1, inventory: 0 });
  });
});
