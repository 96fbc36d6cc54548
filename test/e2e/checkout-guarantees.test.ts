import { ADD_TO_CART, availableQuantity, CHECKOUT, checkoutInput, newShopper, productIds, setStock } from './shopping';
import { startStack, type Stack } from './stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

async function count(
  pool: { query: (sql: string, values: unknown[]) => Promise<{ rows: { n: string }[] }> },
  sql: string,
  values: unknown[],
) {
  const { rows } = await pool.query(sql, values);
  return Number(rows[0]?.n);
}

describe('checkout guarantees through the router', () => {
  it('sells exactly the 5 units in stock to 50 concurrent shoppers and leaves no reservation behind', async () => {
    const [productId] = (await productIds(stack, 1)) as [string];
    await setStock(stack, productId, 5);
    const shoppers = await Promise.all(Array.from({ length: 50 }, () => newShopper(stack)));
    for (const shopper of shoppers) {
      const added = await stack.request(ADD_TO_CART, { productId, quantity: 1 }, shopper);
      expect(added.body.errors).toBeUndefined();
    }

    const results = await Promise.all(
      shoppers.map((shopper) => stack.request(CHECKOUT, { input: checkoutInput() }, shopper)),
    );
    const orders = results.map(
      (result) => result.body.data.checkout as { status: string; failureCode: string | null; failureReason: string },
    );
    const confirmed = orders.filter((order) => order.status === 'CONFIRMED');
    const failed = orders.filter((order) => order.status === 'FAILED');
    expect(confirmed).toHaveLength(5);
    expect(failed).toHaveLength(45);
    for (const order of failed) {
      expect(order.failureCode).toBe('OUT_OF_STOCK');
      expect(order.failureReason).toMatch(/stock/i);
    }
    expect(await availableQuantity(stack, productId)).toBe(0);
    expect(
      await count(stack.inventory.db.pool, `select count(*) as n from reservations where status = 'HELD'`, []),
    ).toBe(0);
    expect(
      await count(stack.payments.db.pool, `select count(*) as n from payments where status = 'CAPTURED'`, []),
    ).toBe(5);
    expect(
      await count(stack.payments.db.pool, `select count(*) as n from payments where status = 'AUTHORIZED'`, []),
    ).toBe(0);
  }, 60_000);

  it('makes one order and one payment of the same checkout sent twice at once', async () => {
    const [, productId] = (await productIds(stack, 2)) as [string, string];
    await setStock(stack, productId, 10);
    const shopper = await newShopper(stack);
    await stack.request(ADD_TO_CART, { productId, quantity: 1 }, shopper);
    const input = checkoutInput();

    const [a, b] = await Promise.all([
      stack.request(CHECKOUT, { input }, shopper),
      stack.request(CHECKOUT, { input }, shopper),
    ]);
    expect(a.body.data.checkout.id).toBe(b.body.data.checkout.id);
    expect(a.body.data.checkout.status).toBe('CONFIRMED');
    const orderId = a.body.data.checkout.id as string;
    expect(
      await count(stack.payments.db.pool, 'select count(*) as n from payments where order_id = $1', [orderId]),
    ).toBe(1);
    expect(await availableQuantity(stack, productId)).toBe(9);

    const reused = await stack.request(
      CHECKOUT,
      { input: { ...input, shippingAddress: { ...input.shippingAddress, city: 'Shelbyville' } } },
      shopper,
    );
    expect(reused.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it.each([
    ['quantity 0', { quantity: 0 }, 'quantity'],
    ['a negative quantity', { quantity: -2 }, 'quantity'],
    ['more than in stock', { quantity: 99 }, 'quantity'],
    ['an unknown product', { productId: '30000000-0000-4000-8000-999999999999' }, 'productId'],
  ])('refuses adding %s to the cart with BAD_USER_INPUT and writes nothing', async (_case, change, field) => {
    const [productId] = (await productIds(stack, 3)).slice(2) as [string];
    await setStock(stack, productId, 3);
    const shopper = await newShopper(stack);
    const { body } = await stack.request(ADD_TO_CART, { productId, quantity: 1, ...change }, shopper);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain(field);
    const cart = await stack.request(`{ cart { itemCount } }`, {}, shopper);
    expect(cart.body.data.cart.itemCount).toBe(0);
  });

  it('refuses checking out an empty cart and a bad card or address, writing no order', async () => {
    const shopper = await newShopper(stack);
    const before = await count(stack.orders.db.pool, 'select count(*) as n from orders', []);
    const empty = await stack.request(CHECKOUT, { input: checkoutInput() }, shopper);
    expect(empty.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const [productId] = (await productIds(stack, 1)) as [string];
    await setStock(stack, productId, 5);
    await stack.request(ADD_TO_CART, { productId, quantity: 1 }, shopper);
    const badCard = await stack.request(CHECKOUT, { input: checkoutInput('4242 4242 4242 4241') }, shopper);
    expect(badCard.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.payment.cardNumber',
    });
    const input = checkoutInput();
    const noCity = await stack.request(
      CHECKOUT,
      { input: { ...input, shippingAddress: { ...input.shippingAddress, city: '' } } },
      shopper,
    );
    expect(noCity.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.shippingAddress.city',
    });
    expect(await count(stack.orders.db.pool, 'select count(*) as n from orders', [])).toBe(before);
  });
});
