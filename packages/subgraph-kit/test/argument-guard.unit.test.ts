import { parse } from 'graphql';
import { createLogger, createSubgraphServer, type BaseContext } from '../src';

// A subgraph of its own, shaped like the real ones: arguments, nested and listed
// input objects, ids, a string used as an enum, multi-line fields and an entity.
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  directive @multiline on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION

  type Thing @key(fields: "id") {
    id: ID!
    notes(after: String): [String!]!
  }
  enum Sort { NEWEST, OLDEST }
  input Filter { brand: String, tags: [String!], sort: Sort }
  input LineInput { sku: ID!, note: String @multiline }
  input ThingInput {
    name: String!
    description: String @multiline
    kind: String
    lines: [LineInput!]
    filter: Filter
  }
  type Query {
    thing(id: ID!): Thing
    things(filter: Filter, sort: Sort, query: String): [Thing!]!
  }
  type Mutation {
    saveThing(input: ThingInput!, comment: String @multiline): Thing!
  }
`);

const calls: string[] = [];
const thing = (id: string) => ({ id });
const server = createSubgraphServer<BaseContext>({
  typeDefs,
  resolvers: {
    Query: {
      thing: (_: unknown, args: { id: string }) => (calls.push('thing'), thing(args.id)),
      things: () => (calls.push('things'), [thing('t1')]),
    },
    Mutation: { saveThing: () => (calls.push('saveThing'), thing('t1')) },
    Thing: {
      __resolveReference: (ref: { id: string }) => (calls.push('reference'), thing(ref.id)),
      notes: () => (calls.push('notes'), []),
    },
  },
});
const context: BaseContext = { caller: null, requestId: 'test', log: createLogger('test', 'silent') };

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => {
  calls.length = 0;
});

async function run(query: string, variables: Record<string, unknown> = {}) {
  const response = await server.executeOperation({ query, variables }, { contextValue: context });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status, ...response.body.singleResult };
}

const SAVE = 'mutation ($input: ThingInput!, $comment: String) { saveThing(input: $input, comment: $comment) { id } }';
const NUL = '\u0000';

describe('the text guard of every subgraph server', () => {
  it.each([
    ['an input-object field', { name: `a${NUL}` }, undefined, 'input.name'],
    ['a string used as an enum', { name: 'a', kind: `BIG${NUL}` }, undefined, 'input.kind'],
    [
      'an id in a list of input objects',
      { name: 'a', lines: [{ sku: 's1' }, { sku: `s${NUL}2` }] },
      undefined,
      'input.lines.1.sku',
    ],
    ['a nested filter', { name: 'a', filter: { brand: 'b\u202e' } }, undefined, 'input.filter.brand'],
    ['a list of strings', { name: 'a', filter: { tags: ['ok', '\ud800'] } }, undefined, 'input.filter.tags.1'],
    ['a tab in a single-line field', { name: 'a\tb' }, undefined, 'input.name'],
    ['a byte order mark in a single-line field', { name: '\ufeffa' }, undefined, 'input.name'],
    ['a zero-width space in an id', { name: 'a', lines: [{ sku: 's\u200b1' }] }, undefined, 'input.lines.0.sku'],
    ['NUL in a multi-line field', { name: 'a', description: `x\n${NUL}` }, undefined, 'input.description'],
    [
      'a bidi override in a nested multi-line field',
      { name: 'a', lines: [{ sku: 's', note: '\u2066' }] },
      undefined,
      'input.lines.0.note',
    ],
    ['a NUL in a multi-line argument', { name: 'a' }, `c${NUL}`, 'comment'],
  ])('refuses %s before the resolver runs', async (_case, input, comment, field) => {
    const result = await run(SAVE, { input, comment });
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}: must not contain `));
    expect(result.status).toBe(200);
    expect(calls).toEqual([]);
  });

  it('accepts tabs, line breaks and invisible format characters where the schema marks the field @multiline', async () => {
    const input = {
      name: 'Café 😀 سماعات 👩‍👩‍👧',
      description: '\ufeffone\r\n\ttwo\u200b',
      lines: [{ sku: 's', note: 'a\nb' }],
    };
    const result = await run(SAVE, { input, comment: 'line\nbreak' });
    expect(result.errors).toBeUndefined();
    expect(calls).toEqual(['saveThing']);
  });

  it('checks literals written in the operation as well as variables', async () => {
    const result = await run('{ things(query: "head\\u0000phone") { id } }');
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'query' });
    expect(calls).toEqual([]);
  });

  it('checks ids', async () => {
    const result = await run('query ($id: ID!) { thing(id: $id) { id } }', { id: `a${NUL}b` });
    expect(result.errors?.[0]).toMatchObject({
      message: 'id: must not contain control characters',
      extensions: { code: 'BAD_USER_INPUT', field: 'id' },
    });
    expect(calls).toEqual([]);
  });

  it('checks the arguments of nested fields, in fragments too, before any resolver runs', async () => {
    const query = `
      query ($after: String) { things { ...Notes } }
      fragment Notes on Thing { ... on Thing { notes(after: $after) } }`;
    const result = await run(query, { after: `x${NUL}` });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(calls).toEqual([]);
  });

  it('checks every operation of a mutation before the first one runs', async () => {
    const query = `mutation ($bad: ThingInput!) {
      first: saveThing(input: { name: "fine" }) { id }
      second: saveThing(input: $bad) { id }
    }`;
    const result = await run(query, { bad: { name: `x${NUL}` } });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(calls).toEqual([]);
  });

  it.each([
    [
      'a key value',
      [
        { __typename: 'Thing', id: 't1' },
        { __typename: 'Thing', id: `t${NUL}` },
      ],
      'representations.1.id',
    ],
    ['a type name', [{ __typename: 'Thing\u202e', id: 't1' }], 'representations.0.__typename'],
    ['a key of the representation', [{ __typename: 'Thing', ['i\u0000d']: 't1' }], 'representations.0'],
    [
      'a nested value',
      [{ __typename: 'Thing', id: 't1', extra: { list: ['\udfff'] } }],
      'representations.0.extra.list.0',
    ],
  ])('checks entity representations: %s', async (_case, representations, field) => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Thing { id } } }';
    const result = await run(query, { r: representations });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(calls).toEqual([]);
  });

  it('leaves enums, numbers and well-formed text alone', async () => {
    const result = await run('query ($f: Filter) { things(filter: $f, sort: OLDEST, query: "日本語 ✓") { id } }', {
      f: { brand: 'Ærø', tags: ['😀'], sort: 'NEWEST' },
    });
    expect(result.errors).toBeUndefined();
    expect(calls).toEqual(['things']);
  });

  it('leaves variables that do not coerce to the usual validation error', async () => {
    const result = await run('query ($id: ID!) { thing(id: $id) { id } }', { id: { not: 'an id' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBeUndefined();
    expect(calls).toEqual([]);
  });
});
