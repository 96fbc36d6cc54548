import { captureLog } from '@agora/testing';
import { parse } from 'graphql';
import { createSubgraphServer, type BaseContext } from '../src';

// A subgraph of its own with every shape of key: a plain id, a compound key, a nested
// key, a type with two keys, an entity interface, a @requires field the router sends
// along, and stubs this service only refers to (`resolvable: false`).
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7",
    import: ["@key", "@external", "@requires"])

  type Product @key(fields: "id") {
    id: ID!
    weight: Int @external
    shippingCost: Int @requires(fields: "weight")
  }
  type Shelf @key(fields: "store aisle") { store: String!, aisle: Int!, label: String }
  type Carrier { code: ID!, name: String }
  type Parcel @key(fields: "carrier { code } number") { carrier: Carrier!, number: String! }
  enum Size { S, M, L }
  type Variant @key(fields: "id") @key(fields: "sku size") { id: ID!, sku: String!, size: Size! }
  interface Media @key(fields: "id") { id: ID! }
  type Book implements Media @key(fields: "id") { id: ID! }
  type User @key(fields: "id", resolvable: false) { id: ID! }
  type Review @key(fields: "id") { id: ID!, author: User!, product: Product! }
  type Query { review(id: ID!): Review }
`);

/** The id no entity has: its reference resolves to null, as an unknown id does. */
const UNKNOWN = 'unknown';
const calls: string[] = [];
const resolveAs =
  (type: string) =>
  (reference: Record<string, unknown>): Record<string, unknown> | null => {
    calls.push(type);
    return reference.id === UNKNOWN ? null : reference;
  };
const log = captureLog('representations');
const server = createSubgraphServer<BaseContext>({
  typeDefs,
  resolvers: {
    Query: { review: () => null },
    Product: { __resolveReference: resolveAs('Product') },
    Shelf: { __resolveReference: resolveAs('Shelf') },
    Parcel: { __resolveReference: resolveAs('Parcel') },
    Variant: { __resolveReference: resolveAs('Variant') },
    Media: {
      __resolveReference: (reference: { id: string }) => (calls.push('Media'), { ...reference, __typename: 'Book' }),
    },
    Review: { __resolveReference: resolveAs('Review') },
  },
});
const context: BaseContext = { caller: null, requestId: 'test', log: log.logger };

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => {
  calls.length = 0;
});

const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Product { id } } }';

async function run(query: string, variables: Record<string, unknown> = {}) {
  const response = await server.executeOperation({ query, variables }, { contextValue: context });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status, ...response.body.singleResult };
}

const product = { __typename: 'Product', id: 'p1' };

describe('entity representations', () => {
  it.each<[string, unknown[], string, string]>([
    [
      'an unknown type',
      [{ __typename: 'Nope', id: '1' }],
      'representations.0.__typename',
      'Nope is not an entity of this service',
    ],
    ['no type', [{ id: '1' }], 'representations.0.__typename', 'is required'],
    ['a null type', [{ __typename: null, id: '1' }], 'representations.0.__typename', 'is required'],
    ['a type that is not a string', [{ __typename: 7, id: '1' }], 'representations.0.__typename', 'must be a string'],
    [
      'a type name that is no GraphQL name',
      [{ __typename: 'Product ', id: '1' }],
      'representations.0.__typename',
      'is not an entity of this service',
    ],
    ['a string', ['x'], 'representations.0', 'must be an object with a __typename'],
    ['a number', [product, 42], 'representations.1', 'must be an object with a __typename'],
    ['an array', [[product]], 'representations.0', 'must be an object with a __typename'],
    [
      'a type without a key',
      [{ __typename: 'Carrier', code: 'dhl' }],
      'representations.0.__typename',
      'Carrier is not an entity of this service',
    ],
    [
      'a root type',
      [{ __typename: 'Query' }],
      'representations.0.__typename',
      'Query is not an entity of this service',
    ],
    [
      'a federation type',
      [{ __typename: '_Service' }],
      'representations.0.__typename',
      '_Service is not an entity of this service',
    ],
    [
      'a stub this service only refers to',
      [{ __typename: 'User', id: 'u1' }],
      'representations.0.__typename',
      'User is not an entity of this service',
    ],
    ['a key field missing', [{ __typename: 'Product' }], 'representations.0.id', 'is required by the key of Product'],
    [
      'a null key field',
      [{ __typename: 'Product', id: null }],
      'representations.0.id',
      'is required by the key of Product',
    ],
    [
      'a key field missing further down the list',
      [product, product, { __typename: 'Product', weight: 3 }],
      'representations.2.id',
      'is required by the key of Product',
    ],
    ['an id that is a number', [{ __typename: 'Product', id: 1 }], 'representations.0.id', 'is not a valid ID'],
    [
      'an id that is an object',
      [{ __typename: 'Product', id: { $ne: null } }],
      'representations.0.id',
      'is not a valid ID',
    ],
    [
      'a compound key half given',
      [{ __typename: 'Shelf', store: 'north' }],
      'representations.0.aisle',
      'is required by the key of Shelf',
    ],
    [
      'an Int key field that is text',
      [{ __typename: 'Shelf', store: 'north', aisle: '3' }],
      'representations.0.aisle',
      'is not a valid Int',
    ],
    [
      'an Int key field with a fraction',
      [{ __typename: 'Shelf', store: 'north', aisle: 3.5 }],
      'representations.0.aisle',
      'is not a valid Int',
    ],
    [
      'a String key field that is a boolean',
      [{ __typename: 'Shelf', store: true, aisle: 3 }],
      'representations.0.store',
      'is not a valid String',
    ],
    [
      'a nested key without its object',
      [{ __typename: 'Parcel', number: '1' }],
      'representations.0.carrier',
      'is required by the key of Parcel',
    ],
    [
      'a nested key that is not an object',
      [{ __typename: 'Parcel', carrier: 'dhl', number: '1' }],
      'representations.0.carrier',
      'must be an object',
    ],
    [
      'a nested key field missing',
      [{ __typename: 'Parcel', carrier: { name: 'DHL' }, number: '1' }],
      'representations.0.carrier.code',
      'is required by the key of Parcel',
    ],
    [
      'a nested key field null',
      [{ __typename: 'Parcel', carrier: { code: null }, number: '1' }],
      'representations.0.carrier.code',
      'is required by the key of Parcel',
    ],
    [
      'the field after a nested key missing',
      [{ __typename: 'Parcel', carrier: { code: 'dhl' } }],
      'representations.0.number',
      'is required by the key of Parcel',
    ],
    [
      'neither of two keys',
      [{ __typename: 'Variant' }],
      'representations.0.id',
      'is required by the key "id" of Variant',
    ],
    [
      'the second of two keys half given',
      [{ __typename: 'Variant', sku: 'k1' }],
      'representations.0.size',
      'is required by the key "sku size" of Variant',
    ],
    [
      'an enum key field out of its values',
      [{ __typename: 'Variant', sku: 'k1', size: 'XL' }],
      'representations.0.size',
      'is not a valid Size',
    ],
    [
      'an entity interface without its key',
      [{ __typename: 'Media' }],
      'representations.0.id',
      'is required by the key of Media',
    ],
  ])(
    'refuses %s as BAD_USER_INPUT naming it, before any resolver runs',
    async (_case, representations, field, problem) => {
      const result = await run(ENTITIES, { r: representations });
      expect(result.errors).toEqual([
        expect.objectContaining({ message: `${field}: ${problem}`, extensions: { code: 'BAD_USER_INPUT', field } }),
      ]);
      expect(result.status).toBe(200);
      expect(calls).toEqual([]);
      expect(log.atLeast(40)).toEqual([]);
    },
  );

  it('resolves every shape of key, with fields beyond the key as the router sends them (@requires)', async () => {
    const representations = [
      { __typename: 'Product', id: 'p1', weight: 3 },
      { __typename: 'Shelf', store: 'north', aisle: 3 },
      { __typename: 'Parcel', carrier: { __typename: 'Carrier', code: 'dhl', name: 'DHL' }, number: '1' },
      { __typename: 'Variant', id: 'v1' },
      { __typename: 'Variant', sku: 'k1', size: 'M' },
      { __typename: 'Media', id: 'b1' },
      { __typename: 'Review', id: 'r1', extra: [null, { anything: 1 }] },
    ];
    const result = await run(ENTITIES, { r: representations });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { __typename: 'Product', id: 'p1' },
      { __typename: 'Shelf' },
      { __typename: 'Parcel' },
      { __typename: 'Variant' },
      { __typename: 'Variant' },
      { __typename: 'Book' },
      { __typename: 'Review' },
    ]);
    expect(calls).toEqual(['Product', 'Shelf', 'Parcel', 'Variant', 'Variant', 'Media', 'Review']);
  });

  it('answers a well-formed key of an entity that does not exist as null', async () => {
    const result = await run(ENTITIES, { r: [product, { __typename: 'Product', id: UNKNOWN }] });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ __typename: 'Product', id: 'p1' }, null]);
  });

  it('checks representations written in the operation, aliased, in fragments', async () => {
    const query = `{ ...Fetch }
      fragment Fetch on Query { ... on Query { fetched: _entities(representations: [{ __typename: "Nope" }]) { __typename } } }`;
    const result = await run(query);
    expect(result.errors?.[0]).toMatchObject({
      message: 'representations.0.__typename: Nope is not an entity of this service',
      extensions: { code: 'BAD_USER_INPUT', field: 'representations.0.__typename' },
    });
    expect(calls).toEqual([]);
  });

  it('still checks the text of representations first', async () => {
    const result = await run(ENTITIES, { r: [{ __typename: 'Nope', id: 'a\u0000' }] });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'representations.0.id' });
  });
});

describe('the key directive, however the schema imports it', () => {
  it.each([
    ['renamed on import', '[{ name: "@key", as: "@primaryKey" }]', '@primaryKey'],
    ['not imported (namespaced)', '[]', '@federation__key'],
  ])('reads keys %s', async (_case, imports, directive) => {
    const own = createSubgraphServer<BaseContext>({
      typeDefs: parse(`
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ${imports})
        type Thing ${directive}(fields: "id") { id: ID! }
        type Stub ${directive}(fields: "id", resolvable: false) { id: ID! }
        type Query { thing: Thing }
      `),
      resolvers: { Query: { thing: () => null }, Thing: { __resolveReference: resolveAs('Thing') } },
    });
    await own.start();
    try {
      const send = async (r: unknown[]) => {
        const response = await own.executeOperation(
          { query: 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', variables: { r } },
          { contextValue: context },
        );
        return response.body.kind === 'single' ? response.body.singleResult : null;
      };
      expect((await send([{ __typename: 'Thing', id: 't1' }]))?.data).toEqual({ _entities: [{ __typename: 'Thing' }] });
      expect((await send([{ __typename: 'Thing' }]))?.errors?.[0]?.message).toBe(
        'representations.0.id: is required by the key of Thing',
      );
      expect((await send([{ __typename: 'Stub', id: 's1' }]))?.errors?.[0]?.message).toBe(
        'representations.0.__typename: Stub is not an entity of this service',
      );
    } finally {
      await own.stop();
    }
  });
});
