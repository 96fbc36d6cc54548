import { randomUUID } from 'node:crypto';
import { type Caller, serviceCaller } from '@agora/subgraph-kit';
import { declaredTypes, signedSend, type EntityDeclaration, type Send } from './schema-walk';
import { bearer, DEMO, startStack, type GraphQLResponse, type Stack, type SubgraphName } from './stack';

// What reaches `_entities` at each subgraph directly, as only a router should call it:
// a representation the subgraph cannot resolve is BAD_USER_INPUT naming it, never a
// 500, and the ones the router sends (the key, with more fields beside it) still
// resolve. The entity types and their keys come from each subgraph's own SDL, so a
// new entity or subgraph is covered without anyone listing it.

let stack: Stack;
let subgraphs: { name: SubgraphName; send: Send; entities: EntityDeclaration[]; others: string[] }[];
/** An id of a real entity of each type the demo data has. */
let known: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  const admin = await stack.logIn(DEMO.admin.email, DEMO.admin.password);
  // Every user role at once, so each __resolveReference gets as far as its lookup; carts
  // (anyone's) only their owner and orders may read, so cart is asked as orders, signed with its key.
  const everything: Caller = { userId: admin.userId, roles: ['customer', 'admin'] };
  subgraphs = await Promise.all(
    (Object.keys(stack.subgraphs) as SubgraphName[]).map(async (name) => {
      const caller = name === 'cart' ? serviceCaller('orders') : everything;
      const send = signedSend(stack.subgraphs[name].running.url, caller, stack.signers);
      return { name, send, ...(await declaredTypes(send)) };
    }),
  );
  const { body } = await stack.request(
    '{ products(first: 20) { edges { node { id category { id } reviews(first: 1) { edges { node { id } } } } } } }',
    {},
    bearer(admin.accessToken),
  );
  const products = (
    body.data as {
      products: {
        edges: { node: { id: string; category: { id: string }; reviews: { edges: { node: { id: string } }[] } } }[];
      };
    }
  ).products.edges.map((edge) => edge.node);
  const review = products.flatMap((product) => product.reviews.edges)[0]?.node.id;
  if (!products[0] || !review) throw new Error('the demo data has no product with a review');
  known = {
    Product: products[0].id,
    Category: products[0].category.id,
    Review: review,
    User: admin.userId,
    Cart: admin.userId, // A cart's id is its owner's.
  };
}, 120_000);
afterAll(() => stack.stop());

const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }';

/** The representations of `type` the subgraph must refuse, each with the field its answer names. */
function malformed(type: string, key: string): [string, unknown[], string][] {
  const good = { __typename: type, [key]: randomUUID() };
  return [
    ['an unknown type', [{ __typename: 'Nope', [key]: '1' }], 'representations.0.__typename'],
    ['no type', [{ [key]: '1' }], 'representations.0.__typename'],
    ['a type that is a number', [{ __typename: 1, [key]: '1' }], 'representations.0.__typename'],
    ['a string', ['x'], 'representations.0'],
    ['a list', [[good]], 'representations.0'],
    ['no key field', [{ __typename: type }], `representations.0.${key}`],
    ['a null key field', [{ __typename: type, [key]: null }], `representations.0.${key}`],
    ['a key field that is a number', [{ __typename: type, [key]: 1 }], `representations.0.${key}`],
    ['a key field that is an object', [{ __typename: type, [key]: { $ne: null } }], `representations.0.${key}`],
    ['a bad one after good ones', [good, good, { __typename: type }], `representations.2.${key}`],
  ];
}

/** What is wrong with the answer to a representation that must be refused (nothing, when all is well). */
function wrongRefusal(response: GraphQLResponse, field: string): string | null {
  const error = response.body.errors?.[0];
  const refused =
    response.status === 200 &&
    response.body.errors?.length === 1 &&
    error?.extensions?.code === 'BAD_USER_INPUT' &&
    error.extensions.field === field &&
    error.message.startsWith(`${field}: `);
  return refused ? null : `HTTP ${response.status} ${JSON.stringify(response.body)}`;
}

describe('entity representations sent to a subgraph directly', () => {
  it('finds the entities of every subgraph, and the stubs some only refer to', () => {
    const entities = subgraphs.flatMap(({ name, entities }) =>
      entities.map((entity) => `${name} ${entity.type}${entity.resolvable ? '' : ' (stub)'}`),
    );
    expect(entities).toEqual(
      expect.arrayContaining([
        'catalog Product',
        'catalog Category',
        'cart Cart',
        'cart Product (stub)',
        'orders Order',
      ]),
    );
    expect(subgraphs.every((subgraph) => subgraph.entities.some((entity) => entity.resolvable))).toBe(true);
    // The representations below are built for keys of one field: a new kind of key needs them extended.
    const keys = subgraphs.flatMap((subgraph) => subgraph.entities.flatMap((entity) => entity.keys));
    expect(keys.filter((key) => !/^\w+$/.test(key))).toEqual([]);
  });

  it('are BAD_USER_INPUT naming what is wrong, never INTERNAL_SERVER_ERROR, at every subgraph', async () => {
    const wrong: string[] = [];
    for (const { name, send, entities } of subgraphs) {
      for (const { type, keys } of entities.filter((entity) => entity.resolvable)) {
        for (const [what, representations, field] of malformed(type, keys[0] ?? '')) {
          const problem = wrongRefusal(await send(ENTITIES, { r: representations }), field);
          if (problem) wrong.push(`${name} ${type} with ${what}: ${problem}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('are refused when they name a stub or a type without a key', async () => {
    const wrong: string[] = [];
    for (const { name, send, entities, others } of subgraphs) {
      const stubs = entities.filter((entity) => !entity.resolvable).map((entity) => entity.type);
      for (const type of [...stubs, ...others]) {
        const response = await send(ENTITIES, { r: [{ __typename: type, id: randomUUID() }] });
        const problem = wrongRefusal(response, 'representations.0.__typename');
        if (problem) wrong.push(`${name} ${type}: ${problem}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('resolve when well formed, with fields beyond the key as the router sends them, unknown ids as null', async () => {
    const wrong: string[] = [];
    for (const { name, send, entities } of subgraphs) {
      for (const { type, keys } of entities.filter((entity) => entity.resolvable)) {
        const key = keys[0] ?? '';
        const id = known[type];
        const query = `query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on ${type} { ${key} } } }`;
        const representations = [
          { __typename: type, [key]: randomUUID() },
          ...(id ? [{ __typename: type, [key]: id, extra: { requiredField: 1 } }] : []),
        ];
        const { status, body } = await send(query, { r: representations });
        const entitiesAnswered = (body.data as { _entities?: unknown[] } | undefined)?._entities;
        const fine =
          status === 200 &&
          body.errors === undefined &&
          entitiesAnswered?.length === representations.length &&
          (!id || JSON.stringify(entitiesAnswered[1]) === JSON.stringify({ __typename: type, [key]: id }));
        if (!fine) wrong.push(`${name} ${type}: HTTP ${status} ${JSON.stringify(body)}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});
