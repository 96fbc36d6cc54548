import { waitFor } from '@agora/testing';
import { randomUUID } from 'node:crypto';
import { createLogger, IDENTITY_HEADER, serviceCaller } from '@agora/subgraph-kit';
import { availableQuantity, CHECKOUT, checkoutInput, createProduct, expectData, newShopper } from './shopping';
import { startStack, type Stack } from './stack';

// One cart, one order: checkout against the cart it reads, through the router.
const ADD = `mutation ($productId: ID!, $quantity: Int!) { addToCart(productId: $productId, quantity: $quantity) { itemCount } }`;
const CART = `{ cart { id itemCount items { id quantity product { id } } } }`;
const IN_PROGRESS = 'cart: a checkout of this cart is in progress';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(() => stack.stop());

type Headers = Record<string, string>;
type Line = { id: string; quantity: number; product: { id: string } };

async function cartOf(shopper: Headers): Promise<{ id: string; itemCount: number; items: Line[] }> {
  return (await expectData(stack, CART, {}, shopper)).cart;
}

/** A shopper whose cart holds `quantity` units of a new product with `stock` on hand. */
async function shopperWithCart(quantity: number, stock = 20) {
  const productId = await createProduct(stack, { name: 'Birch Stool', price: 4200, stock });
  const shopper = await newShopper(stack);
  await expectData(stack, ADD, { productId, quantity }, shopper);
  return { shopper, productId, userId: (await cartOf(shopper)).id };
}

async function count(pool: Stack['orders']['db']['pool'], sql: string, values: unknown[]): Promise<number> {
  return Number((await pool.query<{ n: string }>(sql, values)).rows[0]?.n);
}

describe('one cart, one order', () => {
  it('confirms exactly one of 30 checkouts of one cart with different keys; the others change nothing', async () => {
    const { shopper, productId, userId } = await shopperWithCart(2);
    const results = await Promise.all(
      Array.from({ length: 30 }, () => stack.request(CHECKOUT, { input: checkoutInput() }, shopper)),
    );

    const placed = results.filter((result) => result.body.data?.checkout);
    expect(placed.map((result) => result.body.data.checkout.status)).toEqual(['CONFIRMED']);
    for (const refused of results.filter((result) => !result.body.data?.checkout)) {
      const [error] = refused.body.errors ?? [];
      expect([
        { code: 'CONFLICT', message: IN_PROGRESS },
        { code: 'BAD_USER_INPUT', message: 'cart is empty' },
      ]).toContainEqual({ code: error?.extensions?.code, message: error?.message });
    }
    expect(await availableQuantity(stack, productId)).toBe(18);
    const orders = await stack.orders.db.pool.query<{ status: string }>(
      'select status from orders where user_id = $1',
      [userId],
    );
    expect(orders.rows).toEqual([{ status: 'CONFIRMED' }]);
    expect(await count(stack.payments.db.pool, 'select count(*) as n from payments where user_id = $1', [userId])).toBe(
      1,
    );
    expect(
      await count(
        stack.payments.db.pool,
        `select count(*) as n from payments where user_id = $1 and status = 'CAPTURED'`,
        [userId],
      ),
    ).toBe(1);
    expect(
      await count(stack.inventory.db.pool, `select count(*) as n from reservations where status = 'HELD'`, []),
    ).toBe(0);
    expect((await cartOf(shopper)).itemCount).toBe(0);
  }, 60_000);

  it('makes one order of the same checkout sent twice at once and leaves the cart free for the next', async () => {
    const { shopper, productId, userId } = await shopperWithCart(1);
    const input = checkoutInput();
    const [a, b] = await Promise.all([
      stack.request(CHECKOUT, { input }, shopper),
      stack.request(CHECKOUT, { input }, shopper),
    ]);
    expect(b.body.data.checkout.id).toBe(a.body.data.checkout.id);
    expect(a.body.data.checkout.status).toBe('CONFIRMED');
    expect(await availableQuantity(stack, productId)).toBe(19);

    await expectData(stack, ADD, { productId, quantity: 3 }, shopper);
    const next = await stack.request(CHECKOUT, { input: checkoutInput() }, shopper);
    expect(next.body.data.checkout).toMatchObject({ status: 'CONFIRMED', total: { amount: 3 * 4200 } });
    expect(await count(stack.orders.db.pool, 'select count(*) as n from orders where user_id = $1', [userId])).toBe(2);
  });

  it('keeps what the shopper adds while a checkout runs: a new product, and more units of an ordered one', async () => {
    const { shopper, productId } = await shopperWithCart(2);
    const other = await createProduct(stack, { name: 'Oak Shelf', price: 3100, stock: 5 });

    // Hold the product's stock row: the checkout stops at reserving stock, after it locked and read the cart.
    const blocker = await stack.inventory.db.pool.connect();
    let placing: Promise<Awaited<ReturnType<Stack['request']>>>;
    try {
      await blocker.query('begin');
      await blocker.query('select 1 from stock_levels where product_id = $1 for update', [productId]);
      placing = stack.request(CHECKOUT, { input: checkoutInput() }, shopper);
      await waitForReservationToQueue();

      await expectData(stack, ADD, { productId: other, quantity: 1 }, shopper);
      await expectData(stack, ADD, { productId, quantity: 3 }, shopper);
      expect((await cartOf(shopper)).itemCount).toBe(6);
    } finally {
      await blocker.query('commit');
      blocker.release();
    }

    const { body } = await placing;
    expect(body.data.checkout).toMatchObject({ status: 'CONFIRMED', total: { amount: 2 * 4200 } });
    const cart = await cartOf(shopper);
    expect(cart.items.map((line) => [line.product.id, line.quantity])).toEqual([
      [productId, 3],
      [other, 1],
    ]);
    expect(cart.itemCount).toBe(4);
  });

  it('settles in the recovery sweep the cart of a confirmed order whose process stopped before it did', async () => {
    const { shopper, productId, userId } = await shopperWithCart(2);
    const [line] = (await cartOf(shopper)).items as [Line];
    // The state a checkout leaves when its process dies right after confirming: the cart
    // locked under its key, the order CONFIRMED and its cart not yet settled.
    const key = `key-${randomUUID()}`;
    await lockCart(userId, key);
    // orders' own tables, as its database handle knows them (no import of its sources).
    const ordersSchema = stack.orders.db.db._.fullSchema;
    const [order] = await stack.orders.db.db
      .insert(ordersSchema.orders)
      .values({
        userId,
        status: 'CONFIRMED',
        totalAmount: 8400,
        currency: 'USD',
        shippingAddress: { name: 'A', line1: 'B', line2: null, city: 'C', postalCode: 'D', country: 'US' },
        idempotencyKey: key,
        requestHash: 'stopped',
      })
      .returning();
    await stack.orders.db.db.insert(ordersSchema.orderItems).values({
      orderId: order?.id as string,
      productId,
      productName: 'Birch Stool',
      quantity: 2,
      unitAmount: 4200,
      currency: 'USD',
      cartItemId: line.id,
    });
    await expectData(stack, ADD, { productId, quantity: 1 }, shopper);
    const blocked = await stack.request(CHECKOUT, { input: checkoutInput() }, shopper);
    expect(blocked.body.errors?.[0]).toMatchObject({ message: IN_PROGRESS, extensions: { code: 'CONFLICT' } });

    expect(await stack.orders.recover({ stalledAfterMs: 600_000, log: createLogger('recovery', 'silent') })).toEqual({
      failed: 0,
      settled: 1,
    });
    expect((await cartOf(shopper)).items).toEqual([{ id: line.id, quantity: 1, product: { id: productId } }]);
    const next = await stack.request(CHECKOUT, { input: checkoutInput() }, shopper);
    expect(next.body.data.checkout).toMatchObject({ status: 'CONFIRMED', total: { amount: 4200 } });
  });

  it('keeps the checkout lock out of the public API', async () => {
    const { body } = await stack.request(
      `mutation ($userId: ID!) { beginCheckout(userId: $userId, checkoutKey: "a-checkout", ttlSeconds: 60) { id } }`,
      { userId: randomUUID() },
      await newShopper(stack),
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

/** Locks the user's cart as the orders service does at the start of a checkout. */
async function lockCart(userId: string, checkoutKey: string): Promise<void> {
  const response = await fetch(stack.subgraphs.cart.running.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [IDENTITY_HEADER]: await stack.signers.sign(serviceCaller('orders')),
    },
    body: JSON.stringify({
      query: `mutation ($userId: ID!, $key: String!) { beginCheckout(userId: $userId, checkoutKey: $key, ttlSeconds: 900) { id } }`,
      variables: { userId, key: checkoutKey },
    }),
  });
  const body = (await response.json()) as { errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}

/** Until a statement in the inventory database waits for a row lock (the reservation queued behind the test's). */
async function waitForReservationToQueue(): Promise<void> {
  const waiting = `select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
  await waitFor(async () => (await count(stack.inventory.db.pool, waiting, [])) > 0, { intervalMs: 20 });
}
