import { randomUUID } from 'node:crypto';
import type { Caller } from '@agora/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import {
  entityTypes,
  introspect,
  isRootSlot,
  label,
  operationFor,
  routeTo,
  signedSend,
  slotsOf,
  type Send,
  type Slot,
} from './schema-walk';
import { bearer, DEMO, startStack, type GraphQLResponse, type Stack, type SubgraphName } from './stack';

// Every string a client can send, found by walking the schemas (see schema-walk.ts):
// bad text is refused as BAD_USER_INPUT naming the field, and a junk id answers as an
// unknown id does, through the router as the admin and as a customer, and at each
// subgraph directly (internal fields and entity representations included).

let stack: Stack;
let router: { slots: Slot[]; as: Record<'admin' | 'customer', Send> };
let subgraphs: { name: SubgraphName; schema: GraphQLSchema; slots: Slot[]; send: Send }[];

function routerAs(headers: Record<string, string>): Send {
  return (query, variables) => stack.request(query, variables, headers);
}

beforeAll(async () => {
  stack = await startStack();
  const admin = await stack.logIn(DEMO.admin.email, DEMO.admin.password);
  const customer = await stack.logIn(DEMO.customer.email, DEMO.customer.password);
  const schema = await introspect(routerAs({}));
  router = {
    slots: slotsOf(schema, { nested: true }),
    as: { admin: routerAs(bearer(admin.accessToken)), customer: routerAs(bearer(customer.accessToken)) },
  };
  // Directly, with every role at once, so internal fields get as far as their lookups.
  const everything: Caller = { userId: admin.userId, roles: ['customer', 'admin', 'service'] };
  subgraphs = await Promise.all(
    (Object.keys(stack.subgraphs) as SubgraphName[]).map(async (name) => {
      const send = signedSend(stack.subgraphs[name].running.url, everything, stack.signers);
      const own = await introspect(send);
      return { name, schema: own, slots: slotsOf(own, { nested: false }), send };
    }),
  );
}, 120_000);
afterAll(() => stack.stop());

const BAD_TEXT: [string, string][] = [
  ['a NUL', 'head\u0000phone'],
  ['an unpaired surrogate', 'smile \ud83d'],
  ['a bidi override', 'invoice\u202efdp.exe'],
];

/** What is wrong with each answer to bad text in each slot (nothing, when all is well). */
async function badTextAnswers(send: Send, slots: Slot[], where: string): Promise<string[]> {
  const wrong: string[] = [];
  for (const slot of slots) {
    const route = await routeTo(send, slot);
    if (!route) {
      wrong.push(`${where} ${label(slot)}: none of ${JSON.stringify(slot.routes)} reaches it`);
      continue;
    }
    const field = slot.path.join('.');
    for (const [name, value] of BAD_TEXT) {
      const { query, variables } = operationFor(slot, value, route);
      const { status, body } = await send(query, variables);
      const error = body.errors?.[0];
      if (
        status !== 200 ||
        body.errors?.length !== 1 ||
        error?.extensions?.code !== 'BAD_USER_INPUT' ||
        error.extensions.field !== field ||
        !error.message.startsWith(`${field}: must not contain `)
      ) {
        wrong.push(`${where} ${label(slot)} with ${name}: HTTP ${status} ${JSON.stringify(body.errors)}`);
      }
    }
  }
  return wrong;
}

/** Rows of the tables the public mutations write, and the catalog's products: bad text must change none. */
async function writtenRows(): Promise<Record<string, number>> {
  const count = async (pool: { query: (sql: string) => Promise<{ rows: { n: string }[] }> }, table: string) =>
    Number((await pool.query(`select count(*) as n from ${table}`)).rows[0]?.n);
  const { body } = await stack.request('{ products(first: 0) { totalCount } }');
  return {
    users: await count(stack.accounts.db.pool, 'users'),
    reviews: await count(stack.reviews.db.pool, 'reviews'),
    stockMovements: await count(stack.inventory.db.pool, 'stock_movements'),
    orders: await count(stack.orders.db.pool, 'orders'),
    payments: await count(stack.payments.db.pool, 'payments'),
    products: body.data.products.totalCount as number,
  };
}

describe('bad text in any string a client sends', () => {
  let before: Record<string, number>;
  beforeAll(async () => {
    before = await writtenRows();
  });

  it('finds the string arguments of every subgraph, nested fields and input objects included', () => {
    // Spot checks that the walk reaches each kind of place; the list itself comes from the schema.
    expect(router.slots.map(label)).toEqual(
      expect.arrayContaining([
        'query search(query)',
        'query products(filter.brand)',
        'mutation signUp(input.name)',
        'mutation logIn(input.email)',
        'mutation addToCart(productId)',
        'mutation createProduct(input.images.0)',
        'mutation checkout(input.shippingAddress.line1)',
        'mutation addReview(input.body)',
        'query User.orders(after)',
        'query Product.reviews(after)',
      ]),
    );
    const direct = subgraphs.flatMap(({ name, slots }) => slots.map((slot) => `${name} ${label(slot)}`));
    expect(direct).toEqual(
      expect.arrayContaining([
        'inventory mutation reserveStock(input.items.0.productId)',
        'payments mutation authorizePayment(input.card.cardNumber)',
        'reviews query _entities(representations.0)',
      ]),
    );
  });

  it.each(['admin', 'customer'] as const)(
    'is BAD_USER_INPUT naming the field, never INTERNAL_SERVER_ERROR, through the router as the %s',
    async (role) => {
      expect(await badTextAnswers(router.as[role], router.slots, 'router')).toEqual([]);
    },
    300_000,
  );

  it('is BAD_USER_INPUT naming the field at every subgraph directly, internal fields and representations included', async () => {
    const wrong: string[] = [];
    for (const subgraph of subgraphs) {
      wrong.push(...(await badTextAnswers(subgraph.send, subgraph.slots, subgraph.name)));
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('is refused in every field of an entity representation', async () => {
    const wrong: string[] = [];
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
    for (const { name, schema, send } of subgraphs) {
      for (const type of entityTypes(schema)) {
        for (const [what, value] of BAD_TEXT) {
          const { body } = await send(query, { r: [{ __typename: type, id: value }] });
          const extensions = body.errors?.[0]?.extensions;
          if (extensions?.code !== 'BAD_USER_INPUT' || extensions.field !== 'representations.0.id') {
            wrong.push(`${name} ${type} with ${what}: ${JSON.stringify(body.errors)}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('writes nothing, leaves every service up and the listing working', async () => {
    expect(await writtenRows()).toEqual(before);
    for (const subgraph of Object.values(stack.subgraphs)) {
      expect((await fetch(`http://127.0.0.1:${subgraph.running.port}/health`)).status).toBe(200);
    }
    const { body } = await stack.request('{ products(first: 2) { edges { node { id } } } }');
    expect(body.data.products.edges).toHaveLength(2);
  });
});

const JUNK_IDS: [string, string][] = [
  ['a word', 'not-an-id'],
  ['a UUID with a letter out of range', '00000000-0000-4000-8000-00000000000z'],
  ['a UUID in braces', '{00000000-0000-4000-8000-000000000000}'],
  ['an integer', '42'],
  // Random, so PostgreSQL cannot compress it under its index row limit.
  ['a 10,000-character id', Array.from({ length: 280 }, () => randomUUID()).join('')],
  ['SQL', "1' or '1'='1"],
  ['a path', '../../etc/passwd'],
  ['a Mongo operator', '{"$ne": null}'],
  ['whitespace', '   '],
  ['the empty string', ''],
];

/** What an answer says, leaving out the messages (which may name the id). */
function outcome(response: GraphQLResponse): { status: number; data: unknown; code: unknown; field: unknown } {
  const error = response.body.errors?.[0];
  return {
    status: response.status,
    data: response.body.data ?? null,
    code: error?.extensions?.code ?? null,
    field: error?.extensions?.field ?? null,
  };
}

/**
 * Each junk id into each ID slot, next to a well-formed id that does not exist. A
 * lookup answers the junk as it answers the unknown id. Where the unknown id is
 * accepted (inventory keeps stock for a product id it has never seen), the junk is
 * refused: BAD_USER_INPUT naming the argument, or NOT_FOUND. With `internal`, for
 * the services' own fields, whose ids come from the calling service: never a 500.
 */
async function junkIdAnswers(send: Send, slots: Slot[], where: string, internal = false): Promise<string[]> {
  const wrong: string[] = [];
  for (const slot of slots.filter((candidate) => candidate.scalar === 'ID' && isRootSlot(candidate))) {
    const unknown = operationFor(slot, randomUUID());
    const expected = outcome(await send(unknown.query, unknown.variables));
    for (const [name, id] of JUNK_IDS) {
      const { query, variables } = operationFor(slot, id);
      const actual = outcome(await send(query, variables));
      const same = JSON.stringify(actual) === JSON.stringify(expected);
      const refused =
        expected.code === null &&
        ((actual.code === 'BAD_USER_INPUT' && actual.field === slot.path.join('.')) || actual.code === 'NOT_FOUND');
      const fine = internal ? actual.status === 200 && actual.code !== 'INTERNAL_SERVER_ERROR' : same || refused;
      if (!fine) {
        wrong.push(
          `${where} ${label(slot)} with ${name}: ${JSON.stringify(actual)}, unknown: ${JSON.stringify(expected)}`,
        );
      }
    }
  }
  return wrong;
}

describe('junk ids', () => {
  it.each(['admin', 'customer'] as const)(
    'answer as an unknown id does through the router, as the %s',
    async (role) => {
      expect(await junkIdAnswers(router.as[role], router.slots, 'router')).toEqual([]);
    },
    300_000,
  );

  it('never fail a subgraph called directly, internal fields included', async () => {
    const wrong: string[] = [];
    for (const subgraph of subgraphs) {
      wrong.push(...(await junkIdAnswers(subgraph.send, subgraph.slots, subgraph.name, true)));
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('resolve as unknown entities (null) in every subgraph', async () => {
    const wrong: string[] = [];
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
    for (const { name, schema, send } of subgraphs) {
      for (const type of entityTypes(schema)) {
        const expected = outcome(await send(query, { r: [{ __typename: type, id: randomUUID() }] }));
        for (const [what, id] of JUNK_IDS) {
          const actual = outcome(await send(query, { r: [{ __typename: type, id }] }));
          if (JSON.stringify(actual) !== JSON.stringify(expected)) {
            wrong.push(`${name} ${type} with ${what}: ${JSON.stringify(actual)}, unknown: ${JSON.stringify(expected)}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});
