import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunningSubgraph } from '@agora/subgraph-kit';
import { waitFor } from '@agora/testing';
import type { Router } from '../src/app';
import {
  composeInto,
  FEDERATION_LINK,
  post,
  type SubgraphSource,
  startRouter,
  startTinySubgraph,
  tempDir,
} from './helpers';

const productsV1 = `${FEDERATION_LINK}
type Query { product(id: ID!): Product }
type Product @key(fields: "id") { id: ID! name: String! }
`;
// The products server already answers `description`; the supergraph exposes it only from v2 on.
const productsV2 = productsV1.replace('name: String!', 'name: String! description: String!');
const stock = `${FEDERATION_LINK}
type Product @key(fields: "id") { id: ID! inStock: Boolean! }
`;

const PRODUCT = { id: 'p1', name: 'Kettle', description: 'Boils water.' };
const NAME_AND_STOCK = 'query Product($id: ID!) { product(id: $id) { name inStock } }';
const DESCRIPTION = 'query Description($id: ID!) { product(id: $id) { description } }';

describe('supergraph hot reload', () => {
  let products: RunningSubgraph;
  let inventory: RunningSubgraph;
  let router: Router & { url: string };
  let temp: Awaited<ReturnType<typeof tempDir>>;
  let supergraphPath: string;
  const sources = (productsSdl: string): SubgraphSource[] => [
    { name: 'products', url: products.url, sdl: productsSdl },
    { name: 'stock', url: inventory.url, sdl: stock },
  ];

  beforeAll(async () => {
    products = await startTinySubgraph('products', {
      sdl: productsV2,
      resolvers: {
        Query: { product: (_: unknown, args: { id: string }) => (args.id === PRODUCT.id ? PRODUCT : null) },
        Product: { __resolveReference: (ref: { id: string }) => (ref.id === PRODUCT.id ? PRODUCT : null) },
      },
    });
    inventory = await startTinySubgraph('stock', {
      sdl: stock,
      resolvers: { Product: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, inStock: true }) } },
    });
    temp = await tempDir();
    supergraphPath = path.join(temp.dir, 'supergraph.graphql');
    await writeFile(supergraphPath, await composeInto(temp.dir, sources(productsV1)));
    router = await startRouter(supergraphPath);
  });

  afterAll(async () => {
    await router?.stop();
    await products?.stop();
    await inventory?.stop();
    await temp?.remove();
  });

  const ask = (query: string) => post(router.url, query, { variables: { id: PRODUCT.id } });

  it('serves a new field once a supergraph exposing it is published, answering every request meanwhile', async () => {
    const before = await ask(DESCRIPTION);
    expect(before.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    await writeFile(supergraphPath, await composeInto(temp.dir, sources(productsV2)));

    // Requests keep flowing during the swap: each one is answered in full, by the old or the new schema.
    const during: Awaited<ReturnType<typeof ask>>[] = [];
    const after = await waitFor(async () => {
      during.push(await ask(NAME_AND_STOCK));
      const response = await ask(DESCRIPTION);
      return response.body.errors ? undefined : response;
    });
    expect(after.body.data).toEqual({ product: { description: PRODUCT.description } });
    for (const response of during) {
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ data: { product: { name: PRODUCT.name, inStock: true } } });
    }
    expect(router.supergraphStatus()).toMatchObject({ loaded: true, reloads: 1 });
  });

  it.each([
    ['text that does not parse', 'this is not a supergraph {'],
    ['a schema that is not a supergraph', 'type Query { hello: String }'],
  ])('keeps serving the current supergraph when the file becomes %s', async (_label, content) => {
    const refusalsBefore = router.supergraphStatus().refusals;
    await writeFile(supergraphPath, content);
    await waitFor(() => (router.supergraphStatus().refusals > refusalsBefore ? true : undefined));

    expect(router.supergraphStatus().lastRefusal).toEqual(expect.any(String));
    const response = await ask('query P($id: ID!) { product(id: $id) { name description inStock } }');
    expect(response.body).toEqual({
      data: { product: { name: PRODUCT.name, description: PRODUCT.description, inStock: true } },
    });
    const health = await fetch(router.url.replace('/graphql', '/health'));
    expect(health.status).toBe(200);
  });
});
