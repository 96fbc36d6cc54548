import { encodeCursor } from '@agora/subgraph-kit';
import { errorCodes, execute } from '@agora/testing';
import { categoryDoc, productDoc } from './fixtures';
import { startCatalog, type CatalogHarness } from './setup';

const PRODUCTS = `query ($first: Int, $after: String, $filter: ProductFilter, $sort: ProductSort) {
  products(first: $first, after: $after, filter: $filter, sort: $sort) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id slug name brand price { amount currency } createdAt category { id name } } }
  }
}`;

const PRODUCT = `query ($id: ID, $slug: String) {
  product(id: $id, slug: $slug) { id slug name description images category { name parent { name } } }
}`;

let catalog: CatalogHarness;
beforeAll(async () => {
  catalog = await startCatalog();
});
afterAll(() => catalog.stop());

describe('products', () => {
  it('lists a filtered page with its cursor, total count and categories', async () => {
    const parent = categoryDoc({ name: 'Outdoors' });
    const child = categoryDoc({ name: 'Camping', parentId: parent._id });
    await catalog.insertCategories(parent, child);
    const brand = 'Listbrand';
    const older = productDoc({ categoryId: child._id, brand, price: { amount: 1999, currency: 'USD' } });
    const newer = productDoc({ categoryId: parent._id, brand });
    const newest = productDoc({ categoryId: child._id, brand });
    await catalog.insertProducts(older, newer, newest);

    const variables = { first: 2, filter: { brand, categoryId: parent._id } };
    const first = await execute(catalog.server, catalog.context(), PRODUCTS, variables);
    expect(first.errors).toBeUndefined();
    expect(first.data?.products.totalCount).toBe(3);
    expect(first.data?.products.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([newest._id, newer._id]);
    expect(first.data?.products.pageInfo.hasNextPage).toBe(true);

    const after = first.data?.products.pageInfo.endCursor;
    const second = await execute(catalog.server, catalog.context(), PRODUCTS, { ...variables, after });
    expect(second.data?.products.edges.map((e: { node: object }) => e.node)).toEqual([
      {
        id: older._id,
        slug: older.slug,
        name: older.name,
        brand,
        price: { amount: 1999, currency: 'USD' },
        createdAt: older.createdAt.toISOString(),
        category: { id: child._id, name: 'Camping' },
      },
    ]);
    expect(second.data?.products.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
  });

  it('sorts by price and refuses a cursor made for another sort', async () => {
    const category = categoryDoc();
    await catalog.insertCategories(category);
    const brand = 'Sortbrand';
    const priced = [300, 100, 200].map((amount) =>
      productDoc({ categoryId: category._id, brand, price: { amount, currency: 'USD' } }),
    );
    await catalog.insertProducts(...priced);
    const result = await execute(catalog.server, catalog.context(), PRODUCTS, {
      filter: { brand },
      sort: 'PRICE_DESC',
      first: 1,
    });
    expect(
      result.data?.products.edges.map((e: { node: { price: { amount: number } } }) => e.node.price.amount),
    ).toEqual([300]);
    const cursor = result.data?.products.pageInfo.endCursor;
    const mixed = await execute(catalog.server, catalog.context(), PRODUCTS, { sort: 'NAME_ASC', after: cursor });
    expect(errorCodes(mixed)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ['garbage', 'not a cursor at all'],
    ['well-formed but foreign', encodeCursor(['NEWEST', 'yesterday', 'id'])],
  ])('refuses a %s cursor with BAD_USER_INPUT naming after', async (_kind, after) => {
    const result = await execute(catalog.server, catalog.context(), PRODUCTS, { after });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/^after:/);
  });

  it('refuses a page size above 100', async () => {
    const result = await execute(catalog.server, catalog.context(), PRODUCTS, { first: 100000 });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/^first:/);
  });
});

describe('product', () => {
  it('finds a product by id and by slug, with its category and parent', async () => {
    const parent = categoryDoc({ name: 'Home' });
    const child = categoryDoc({ name: 'Kitchen', parentId: parent._id });
    await catalog.insertCategories(parent, child);
    const product = productDoc({ categoryId: child._id });
    await catalog.insertProducts(product);
    const expected = {
      id: product._id,
      slug: product.slug,
      name: product.name,
      description: product.description,
      images: product.images,
      category: { name: 'Kitchen', parent: { name: 'Home' } },
    };
    const byId = await execute(catalog.server, catalog.context(), PRODUCT, { id: product._id });
    expect(byId.data?.product).toEqual(expected);
    const bySlug = await execute(catalog.server, catalog.context(), PRODUCT, { slug: product.slug });
    expect(bySlug.data?.product).toEqual(expected);
  });

  it('answers null for an unknown id or slug', async () => {
    const byId = await execute(catalog.server, catalog.context(), PRODUCT, { id: 'no-such-product' });
    expect(byId.errors).toBeUndefined();
    expect(byId.data?.product).toBeNull();
    const bySlug = await execute(catalog.server, catalog.context(), PRODUCT, { slug: 'no-such-slug' });
    expect(bySlug.data?.product).toBeNull();
  });

  it.each([
    ['both', { id: 'a', slug: 'b' }],
    ['neither', {}],
  ])('refuses %s of id and slug', async (_kind, variables) => {
    const result = await execute(catalog.server, catalog.context(), PRODUCT, variables);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('categories', () => {
  it('lists categories with their parents and children', async () => {
    const root = categoryDoc({ name: 'Zz Root' });
    const leaf = categoryDoc({ name: 'Zz Leaf', parentId: root._id });
    await catalog.insertCategories(root, leaf);
    const result = await execute(
      catalog.server,
      catalog.context(),
      `{ categories { id name parent { id } children { id } } }`,
    );
    const byId = new Map<string, unknown>(result.data?.categories.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(root._id)).toEqual({ id: root._id, name: 'Zz Root', parent: null, children: [{ id: leaf._id }] });
    expect(byId.get(leaf._id)).toEqual({ id: leaf._id, name: 'Zz Leaf', parent: { id: root._id }, children: [] });
  });
});
