import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDENTITY_HEADER, serviceCaller, type Caller } from '@agora/subgraph-kit';
import { spawnService, waitFor } from '@agora/testing';
import { CONSUMERS, REPLICAS, startReplicaStack, type ReplicaStack, type ServiceName } from './replicas-stack';
import { ADD_TO_CART, CHECKOUT, checkoutInput, STOCK } from './shopping';
import { bearer, DEMO } from './stack';

// Every service of the checkout path, each outbox relay and each event consumer runs as
// two processes behind a round-robin balancer, so every step of a checkout and every
// background pass (relays, consumers, the reservation-expiry sweep, checkout recovery)
// has two copies racing. Catalog runs once: without MONGODB_URL its store is a folder
// of one process's own. The test asserts counts; the numbers are printed for notes.

let stack: ReplicaStack;
let admin: Record<string, string>;
const summary: Record<string, unknown> = {};

beforeAll(async () => {
  stack = await startReplicaStack();
  admin = bearer((await logIn(DEMO.admin.email, DEMO.admin.password)).accessToken);
}, 240_000);
afterAll(async () => {
  if (!stack) return;
  summary.requestsPerReplica = Object.fromEntries(
    (Object.keys(REPLICAS) as ServiceName[]).map((name) => [name, [...stack.proxies[name].requests]]),
  );
  console.log(`replicas test numbers\n${JSON.stringify(summary, null, 2)}`);
  // The services log warnings and errors only: what they said, for a failure's reader.
  const said = Object.values(stack.processes)
    .flat()
    .filter((service) => service.output())
    .map((service) => `--- ${service.name}\n${service.output()}`);
  if (said.length > 0) console.log(`what the services logged\n${said.join('\n')}`);
  await stack.stop();
}, 60_000);

/** Answers the operation's data through the router, failing the test on any error. */
async function data(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const { body } = await stack.request(query, variables, headers);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function logIn(email: string, password: string): Promise<{ accessToken: string }> {
  const { logIn } = await data('mutation ($input: LogInInput!) { logIn(input: $input) { accessToken } }', {
    input: { email, password },
  });
  return logIn;
}

/** A new accounts user signed up through the router: their headers and id. */
async function signUp(): Promise<{ headers: Record<string, string>; userId: string }> {
  const { signUp } = await data(
    'mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }',
    { input: { email: `${randomUUID()}@example.com`, password: 'a long enough password', name: 'Shopper' } },
  );
  return { headers: bearer(signUp.accessToken), userId: signUp.user.id };
}

/** A new catalog product with `stock` units, created and stocked by the demo admin. */
async function newProduct(stock: number): Promise<string> {
  const { categories } = await data('{ categories { id } }', {}, admin);
  const { createProduct } = await data(
    'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }',
    {
      input: {
        name: `Replica test ${randomUUID()}`,
        slug: `replica-${randomUUID()}`,
        brand: 'Agora Tests',
        categoryId: categories[0].id,
        price: { amount: 1500, currency: 'USD' },
      },
    },
    admin,
  );
  await data(
    'mutation ($id: ID!, $quantity: Int!) { setStock(productId: $id, quantity: $quantity) { id } }',
    { id: createProduct.id, quantity: stock },
    admin,
  );
  return createProduct.id as string;
}

async function available(productId: string): Promise<number> {
  return (await data(STOCK, { id: productId })).product.availableQuantity as number;
}

/** One number from a `select … as n` on a subgraph's database. */
async function count(name: Exclude<ServiceName, 'catalog'>, sql: string, values: unknown[] = []): Promise<number> {
  const [row] = (await stack.db[name].query(sql, values)) as { n: string }[];
  return Number(row?.n);
}

/** Sends an operation straight to a service (not through its balancer) as `caller`. */
async function callAs(url: string, caller: Caller, query: string, variables: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await stack.signers.sign(caller) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

/** A counter of one replica's /metrics: the sum of its samples whose labels include `labels`. */
async function metric(origin: string, name: string, labels: string[]): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && labels.every((label) => line.includes(label)))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

interface CheckoutAnswer {
  orderId: string | null;
  status: string | null;
  failureCode: string | null;
  errorCode: string | null;
}

async function checkout(headers: Record<string, string>, input: ReturnType<typeof checkoutInput>) {
  const { body } = await stack.request(CHECKOUT, { input }, headers);
  const order = body.data?.checkout as { id: string; status: string; failureCode: string | null } | undefined;
  return {
    orderId: order?.id ?? null,
    status: order?.status ?? null,
    failureCode: order?.failureCode ?? null,
    errorCode: (body.errors?.[0]?.extensions?.code as string | undefined) ?? null,
  } satisfies CheckoutAnswer;
}

describe('two replicas of each service behind round-robin balancers', () => {
  const STOCKED = 5;
  let productId: string;
  let confirmed: string[] = [];

  it('sells no more than the stock to concurrent checkouts and makes one order and one charge per idempotency key', async () => {
    productId = await newProduct(STOCKED);
    // 20 shoppers check out once; 4 send the same checkout twice at once (same key).
    const singles = await Promise.all(Array.from({ length: 20 }, signUp));
    const doubles = await Promise.all(Array.from({ length: 4 }, signUp));
    for (const shopper of [...singles, ...doubles]) {
      await data(ADD_TO_CART, { productId, quantity: 1 }, shopper.headers);
    }
    const before = requestsPerReplica();

    const doubleInputs = doubles.map(() => checkoutInput());
    const [singleAnswers, doubleAnswers] = await Promise.all([
      Promise.all(singles.map((shopper) => checkout(shopper.headers, checkoutInput()))),
      Promise.all(
        doubles.map((shopper, i) =>
          Promise.all([
            checkout(shopper.headers, doubleInputs[i] as ReturnType<typeof checkoutInput>),
            checkout(shopper.headers, doubleInputs[i] as ReturnType<typeof checkoutInput>),
          ]),
        ),
      ),
    ]);
    const answers = [...singleAnswers, ...doubleAnswers.flat()];
    const orderIds = new Set(answers.flatMap((answer) => (answer.orderId ? [answer.orderId] : [])));
    // Counted in orders' database: an answer lost on the way back still sold its units.
    confirmed = (
      (await stack.db.orders.query(`select id::text as id from orders where status = 'CONFIRMED'`)) as { id: string }[]
    ).map((row) => row.id);
    summary.checkouts = {
      requests: answers.length,
      idempotencyKeys: singles.length + doubles.length,
      stock: STOCKED,
      confirmedOrders: confirmed.length,
      answeredConfirmed: answers.filter((a) => a.status === 'CONFIRMED').length,
      ordersByStatus: await stack.db.orders.query(
        'select status, failure_code, count(*)::int as n from orders group by 1, 2 order by 1, 2',
      ),
      refused: tally(answers.filter((a) => a.status !== 'CONFIRMED').map((a) => a.failureCode ?? a.errorCode ?? '?')),
    };

    // No oversell: no more sold than was in stock, the rest still there, never negative.
    // (A checkout refused because the busy machine was slow to answer holds nothing.)
    expect(confirmed.length).toBeGreaterThan(0);
    expect(confirmed.length).toBeLessThanOrEqual(STOCKED);
    expect(await available(productId)).toBe(STOCKED - confirmed.length);
    expect(await count('inventory', 'select min(quantity) as n from stock_levels')).toBeGreaterThanOrEqual(0);
    expect(
      await count(
        'inventory',
        `select coalesce(sum(l.quantity), 0) as n from reservation_lines l join reservations r using (order_id)
         where l.product_id = $1 and r.status = 'COMMITTED'`,
        [productId],
      ),
    ).toBe(STOCKED);
    await waitFor(
      async () => (await count('inventory', `select count(*) as n from reservations where status = 'HELD'`)) === 0,
    );

    // At most one order per idempotency key, however many replicas the duplicates reached,
    // and every answer about a key names that one order.
    expect(
      await count(
        'orders',
        'select count(*) as n from (select 1 from orders group by user_id, idempotency_key having count(*) > 1) d',
      ),
    ).toBe(0);
    for (const [i, pair] of (doubleAnswers as [CheckoutAnswer, CheckoutAnswer][]).entries()) {
      const stored = (await stack.db.orders.query('select id::text as id from orders where idempotency_key = $1', [
        doubleInputs[i]?.idempotencyKey,
      ])) as { id: string }[];
      expect(stored.length).toBeLessThanOrEqual(1);
      for (const answer of pair) if (answer.orderId) expect(answer.orderId).toBe(stored[0]?.id);
    }
    expect(orderIds.size).toBeLessThanOrEqual(singles.length + doubles.length);

    // One charge per order: one payment row per order, captured for each sold one.
    expect(
      await count(
        'payments',
        'select count(*) as n from (select 1 from payments group by order_id having count(*) > 1) d',
      ),
    ).toBe(0);
    expect(await count('payments', `select count(*) as n from payments where status = 'CAPTURED'`)).toBe(
      confirmed.length,
    );
    expect(
      await count('payments', `select count(*) as n from payments where order_id = any($1) and status = 'CAPTURED'`, [
        confirmed,
      ]),
    ).toBe(confirmed.length);

    // Both replicas served the checkouts: the test cannot pass on one.
    const after = requestsPerReplica();
    const during = Object.fromEntries(
      CHECKOUT_PATH.map((name) => [name, after[name].map((n, i) => n - (before[name][i] ?? 0))]),
    );
    summary.checkoutRequestsPerReplica = during;
    for (const name of CHECKOUT_PATH) for (const n of during[name] as number[]) expect(n).toBeGreaterThan(0);
  }, 120_000);

  it("has each order event's effect once in every consumer, with both replicas consuming", async () => {
    // Every event both orders relays took out of the outbox is published.
    await waitFor(
      async () => (await count('orders', 'select count(*) as n from outbox where published_at is null')) === 0,
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    const eventIds = async (type: string): Promise<string[]> =>
      (
        (await stack.db.orders.query('select id::text as id from outbox where type = $1', [type])) as { id: string }[]
      ).map((row) => row.id);
    // Recommendations takes OrderPlaced, notifications OrderConfirmed: each records each event once ...
    const placed = await eventIds('OrderPlaced');
    const confirmedEvents = await eventIds('OrderConfirmed');
    expect(placed).toHaveLength(confirmed.length);
    expect(confirmedEvents).toHaveLength(confirmed.length);
    const handledOf = (consumer: 'recommendations' | 'notifications', ids: string[]) =>
      count(consumer, 'select count(*) as n from handled_events where event_id = any($1::uuid[])', [ids]);
    await waitFor(
      async () =>
        (await handledOf('recommendations', placed)) === placed.length &&
        (await handledOf('notifications', confirmedEvents)) === confirmedEvents.length,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    // ... and its effect is there once: a notice per confirmed order, the units sold counted once.
    expect(
      await count('notifications', 'select count(*) as n from notifications where order_id = any($1)', [confirmed]),
    ).toBe(confirmed.length);
    expect(await count('notifications', 'select count(*) as n from deliveries')).toBe(
      await count('notifications', 'select count(*) as n from notifications'),
    );
    expect(
      await count('recommendations', 'select count(*) as n from order_lines where product_id = $1', [productId]),
    ).toBe(confirmed.length);
    expect(
      await count('recommendations', 'select coalesce(sum(units), 0) as n from product_sales where product_id = $1', [
        productId,
      ]),
    ).toBe(confirmed.length);
    // The product created through catalog's relay reached search, and is indexed once.
    await waitFor(
      async () =>
        (await count('search', 'select count(*) as n from search_documents where product_id = $1', [productId])) === 1,
      { timeoutMs: 30_000, intervalMs: 200 },
    );

    // Both replicas of each consumer handled events from the shared queue.
    const handled: Record<string, number[]> = {};
    for (const consumer of CONSUMERS) {
      handled[consumer] = await Promise.all(
        stack.processes[consumer].map((replica) =>
          metric(replica.origin, 'agora_events_handled_total', [`consumer="${consumer}"`, 'outcome="ok"']),
        ),
      );
    }
    summary.eventsHandledPerReplica = handled;
    summary.orderEvents = { OrderPlaced: placed.length, OrderConfirmed: confirmedEvents.length };
    for (const consumer of ['recommendations', 'notifications'] as const) {
      for (const n of handled[consumer] as number[]) expect(n).toBeGreaterThan(0);
    }
  }, 60_000);

  it('releases expired reservations once with both inventory replicas sweeping', async () => {
    const product = await newProduct(10);
    const orderIds = Array.from({ length: 6 }, () => randomUUID());
    for (const orderId of orderIds) {
      const answer = await callAs(
        `${stack.proxies.inventory.origin}/graphql`,
        serviceCaller('orders'),
        'mutation ($input: ReserveStockInput!) { reserveStock(input: $input) { status } }',
        { input: { orderId, items: [{ productId: product, quantity: 1 }], ttlSeconds: 30 } },
      );
      expect(answer.errors).toBeUndefined();
    }
    expect(await available(product)).toBe(4);
    // The holds run out now (rather than in 30 s): both replicas' sweeps find them at once.
    await stack.db.inventory.query(
      `update reservations set expires_at = now() - interval '1 second' where order_id = any($1)`,
      [orderIds],
    );
    await waitFor(
      async () =>
        (await count(
          'inventory',
          `select count(*) as n from reservations where order_id = any($1) and status = 'EXPIRED'`,
          [orderIds],
        )) === orderIds.length,
    );
    const returned = await count(
      'inventory',
      `select count(*) as n from stock_movements where order_id = any($1) and reason = 'expired'`,
      [orderIds],
    );
    summary.expirySweep = { reservations: orderIds.length, unitsReturned: returned };
    expect(returned).toBe(orderIds.length);
    expect(await available(product)).toBe(10);
  }, 60_000);

  it('undoes a checkout whose process died once with both orders replicas recovering it', async () => {
    const product = await newProduct(3);
    const shopper = await signUp();
    await data(ADD_TO_CART, { productId: product, quantity: 1 }, shopper.headers);

    // A third orders process whose calls to payments never come back: it places the order,
    // holds the stock, asks for the charge, and is killed there, as a crashed pod is.
    const held: ServerResponse[] = [];
    const blackHole = createServer((_req, res) => void held.push(res));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const doomed = await spawnService('subgraphs/orders', {
      env: {
        ...stack.envOf('orders'),
        PAYMENTS_URL: `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}/graphql`,
        PAYMENTS_TIMEOUT_MS: '600000',
      },
      replica: 3,
    });
    const input = checkoutInput();
    try {
      let answered: unknown;
      const pending = callAs(
        `${doomed.origin}/graphql`,
        { userId: shopper.userId, roles: ['customer'] },
        ORDERS_CHECKOUT,
        {
          input,
        },
      ).then(
        (answer) => (answered = answer),
        () => null,
      );
      await waitFor(
        () => {
          if (answered) throw new Error(`the checkout answered before it asked payments: ${JSON.stringify(answered)}`);
          return held.length > 0;
        },
        { timeoutMs: 30_000 },
      );
      await doomed.kill();
      await pending;
    } finally {
      await doomed.kill();
      blackHole.closeAllConnections();
      blackHole.close();
    }

    const [order] = (await stack.db.orders.query('select id, status from orders where idempotency_key = $1', [
      input.idempotencyKey,
    ])) as { id: string; status: string }[];
    expect(order?.status).toBe('PENDING');
    expect(await available(product)).toBe(2);

    // Its last change moves back past STALLED_CHECKOUT_MS (rather than waiting a minute):
    // both replicas' recovery sweeps see it stalled at once; one outcome results.
    const orderId = (order as { id: string }).id;
    await stack.db.orders.query(`update orders set updated_at = now() - interval '2 minutes' where id = $1`, [orderId]);
    const recovered = waitFor(
      async () =>
        (await count(
          'orders',
          `select count(*) as n from orders where id = $1 and status = 'FAILED' and cart_settled_at is not null`,
          [orderId],
        )) === 1,
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    await recovered.finally(async () => {
      summary.recoveredOrder = await stack.db.orders.query(
        'select status, failure_code, cart_settled_at from orders where id = $1',
        [orderId],
      );
    });
    await waitFor(
      async () => (await count('orders', `select count(*) as n from outbox where published_at is null`)) === 0,
      { timeoutMs: 30_000 },
    );
    const released = await count(
      'inventory',
      `select count(*) as n from stock_movements where order_id = $1 and delta > 0`,
      [orderId],
    );
    summary.checkoutRecovery = { stalledOrders: 1, stockReturns: released };
    expect(
      await count('orders', 'select count(*) as n from orders where idempotency_key = $1', [input.idempotencyKey]),
    ).toBe(1);
    expect(
      await count('inventory', `select count(*) as n from reservations where order_id = $1 and status = 'RELEASED'`, [
        orderId,
      ]),
    ).toBe(1);
    expect(released).toBe(1);
    expect(await available(product)).toBe(3);
    expect(await count('payments', 'select count(*) as n from payments where order_id = $1', [orderId])).toBe(0);
    // The failed checkout left the cart as it was, unlocked: the shopper can check out again.
    const again = await checkout(shopper.headers, checkoutInput());
    expect(again.status).toBe('CONFIRMED');
  }, 90_000);
});

const CHECKOUT_PATH = ['orders', 'inventory', 'payments'] as const;

/** The checkout as orders alone answers it (the router's CHECKOUT asks payments for more). */
const ORDERS_CHECKOUT = 'mutation ($input: CheckoutInput!) { checkout(input: $input) { id status } }';

/** The requests each balancer of the checkout path has sent to each of its replicas so far. */
function requestsPerReplica(): Record<(typeof CHECKOUT_PATH)[number], number[]> {
  return Object.fromEntries(CHECKOUT_PATH.map((name) => [name, [...stack.proxies[name].requests]])) as Record<
    (typeof CHECKOUT_PATH)[number],
    number[]
  >;
}

function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
