import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunningSubgraph } from '@agora/subgraph-kit';
import { waitFor } from '@agora/testing';
import type { Router } from '../src/app';
import { composeInto, post, type SubgraphSource, startRouter, startTinySubgraph, tempDir } from './helpers';

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires"])';

const productsSdl = `${LINK}
type Query {
  product(id: ID): Product
  products: [Product!]!
  named: Named
  result: Result
  variant: Variant
  store: Store
}
interface Named { name: String! }
union Result = Product | Category
type Product implements Named @key(fields: "id") {
  id: ID! sku: String! @shareable slug: String! name: String! weight: Int! category: Category!
}
type Category implements Named @key(fields: "id") { id: ID! code: String! name: String! }
type Variant @key(fields: "product { id } color") { product: Product! color: String! label: String! }
type Store @key(fields: "location { code }") { location: Location! name: String! }
type Location @shareable { code: String! city: String! }
`;
/** With `skuKey`, stock also finds products by their SKU (the supergraph a hot reload brings in). */
const stockSdl = (skuKey: boolean): string => `${LINK}
type Product @key(fields: "id")${skuKey ? ' @key(fields: "sku")' : ''} {
  id: ID!${skuKey ? ' sku: String!' : ''} inStock: Boolean! weight: Int! @external shipping: Int! @requires(fields: "weight")
}
type Category @key(fields: "id") { id: ID! title: String! }
type Variant @key(fields: "product { id } color") { product: Product! color: String! stock: Int! }
type Store @key(fields: "location { code }") { location: Location! open: Boolean! }
type Location @shareable { code: String! city: String! }
`;

const CATEGORY = {
  __typename: 'Category',
  id: 'c0d9b1f2-0000-4000-8000-000000000002',
  code: 'KITCHEN',
  name: 'Kitchen',
};
const PRODUCT = {
  __typename: 'Product',
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  sku: 'KT-1',
  slug: 'kettle',
  name: 'Kettle',
  weight: 7,
  category: CATEGORY,
};
const VARIANT = { product: PRODUCT, color: 'red', label: 'Red kettle' };
const STORE = { location: { code: 'OSL', city: 'Oslo' }, name: 'Main street' };

const refusal = (alias: string, coordinate: string, reason: string): string =>
  `The alias "${alias}" on ${coordinate} is the name of ${reason}; choose another alias (apollographql/federation#3036).`;

describe('router refusal of aliases the query planner mixes up (apollographql/federation#3036)', () => {
  let products: RunningSubgraph;
  let stock: RunningSubgraph;
  let router: Router & { url: string };
  let temp: Awaited<ReturnType<typeof tempDir>>;
  let supergraphPath: string;
  const sources = (skuKey: boolean): SubgraphSource[] => [
    { name: 'products', url: products.url, sdl: productsSdl },
    { name: 'stock', url: stock.url, sdl: stockSdl(skuKey) },
  ];

  beforeAll(async () => {
    products = await startTinySubgraph('products', {
      sdl: productsSdl,
      resolvers: {
        Query: {
          product: () => PRODUCT,
          products: () => [PRODUCT],
          named: () => PRODUCT,
          result: () => PRODUCT,
          variant: () => VARIANT,
          store: () => STORE,
        },
        Product: { __resolveReference: () => PRODUCT },
        Category: { __resolveReference: () => CATEGORY },
      },
    });
    stock = await startTinySubgraph('stock', {
      sdl: stockSdl(true),
      resolvers: {
        Product: {
          __resolveReference: (ref: { weight?: number }) => ({
            ...ref,
            inStock: true,
            shipping: (ref.weight ?? 0) * 10,
          }),
        },
        Category: { __resolveReference: (ref: object) => ({ ...ref, title: 'Kitchen things' }) },
        Variant: { __resolveReference: (ref: object) => ({ ...ref, stock: 3 }) },
        Store: { __resolveReference: (ref: object) => ({ ...ref, open: true }) },
      },
    });
    temp = await tempDir();
    supergraphPath = path.join(temp.dir, 'supergraph.graphql');
    await writeFile(supergraphPath, await composeInto(temp.dir, sources(false)));
    router = await startRouter(supergraphPath);
  });

  afterAll(async () => {
    await router?.stop();
    await products?.stop();
    await stock?.stop();
    await temp?.remove();
  });

  it('refuses a key field name as the alias of another field, the example that answered the product id as "id"', async () => {
    const response = await post(router.url, 'query($id: ID) { product(id: $id) { id: slug inStock } }', {
      variables: { id: PRODUCT.id },
    });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [
        {
          message: refusal('id', 'Product.slug', 'a key field of Product'),
          locations: [{ line: 1, column: 37 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
  });

  it.each([
    ['in a list', '{ products { id: name inStock } }', refusal('id', 'Product.name', 'a key field of Product')],
    [
      'on a nested entity',
      '{ product { category { id: code title } } }',
      refusal('id', 'Category.code', 'a key field of Category'),
    ],
    [
      'in an inline fragment on a union member',
      '{ result { ... on Product { id: slug inStock } } }',
      refusal('id', 'Product.slug', 'a key field of Product'),
    ],
    [
      'in a named fragment',
      '{ product { ...Names inStock } } fragment Names on Product { id: slug }',
      refusal('id', 'Product.slug', 'a key field of Product'),
    ],
    [
      'on an interface field an entity implements',
      '{ named { id: name } }',
      refusal('id', 'Named.name', 'a key field of Category and a key field of Product'),
    ],
    [
      'of a compound key',
      '{ variant { color: label stock } }',
      refusal('color', 'Variant.label', 'a key field of Variant'),
    ],
    [
      'nested in a key',
      '{ store { location { code: city } open } }',
      refusal('code', 'Location.city', 'a field in the key "location { code }" of Store'),
    ],
    [
      'that another field @requires',
      '{ product { weight: name shipping } }',
      refusal('weight', 'Product.name', 'a field Product.shipping requires'),
    ],
    [
      '__typename',
      '{ product { __typename: slug inStock } }',
      refusal('__typename', 'Product.slug', 'the field the query planner reads the type from'),
    ],
  ])('refuses the alias of a planner name %s', async (_shape, query, message) => {
    const response = await post(router.url, query);

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);
  });

  it('answers harmless aliases with the right data', async () => {
    const response = await post(
      router.url,
      `query($id: ID) {
        product(id: $id) {
          id: id productId: id label: slug title: name kind: __typename
          inStock stocked: inStock price: shipping
          category { id name: code }
        }
        variant { product { id } shade: color stock }
        store { location { code town: city } open }
      }`,
      { variables: { id: PRODUCT.id } },
    );

    expect(response.body).toEqual({
      data: {
        product: {
          id: PRODUCT.id,
          productId: PRODUCT.id,
          label: 'kettle',
          title: 'Kettle',
          kind: 'Product',
          inStock: true,
          stocked: true,
          price: 70,
          category: { id: CATEGORY.id, name: 'KITCHEN' },
        },
        variant: { product: { id: PRODUCT.id }, shade: 'red', stock: 3 },
        store: { location: { code: 'OSL', town: 'Oslo' }, open: true },
      },
    });
  });

  // Last: it changes the supergraph.
  it('follows the keys of a hot-reloaded supergraph', async () => {
    const skuAlias = '{ product { sku: slug inStock } }';
    expect((await post(router.url, skuAlias)).body).toEqual({ data: { product: { sku: 'kettle', inStock: true } } });

    await writeFile(supergraphPath, await composeInto(temp.dir, sources(true)));

    const refused = await waitFor(async () => {
      const response = await post(router.url, skuAlias);
      return response.status === 400 ? response : undefined;
    });
    expect(refused.body.errors?.[0]?.message).toBe(refusal('sku', 'Product.slug', 'a key field of Product'));
  });
});
