import { errorCodes, execute, forgeCursor, type OperationResult } from '@agora/testing';
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

interface ProductPage {
  products: { edges: { node: { name: string } }[]; pageInfo: { endCursor: string | null } };
}

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

  const ID = '30000000-0000-4000-8000-000000000001';
  const AT = Date.UTC(2026, 0, 1);
  it.each([
    ['garbage', 'NEWEST', 'not a cursor at all'],
    ['the empty string', 'NEWEST', ''],
    ['a huge string', 'NEWEST', 'A'.repeat(100_000)],
    ['a date as text', 'NEWEST', forgeCursor(['NEWEST', 'yesterday', ID])],
    ['milliseconds beyond JavaScript dates', 'NEWEST', forgeCursor(['NEWEST', 8.64e15 + 1, ID])],
    ['the year -100000', 'NEWEST', forgeCursor(['NEWEST', Date.UTC(-100000, 0, 1), ID])],
    ['the year 200000', 'NEWEST', forgeCursor(['NEWEST', Date.UTC(200000, 0, 1), ID])],
    ['milliseconds with a fraction', 'NEWEST', forgeCursor(['NEWEST', AT + 0.5, ID])],
    ['an id that is not a UUID', 'NEWEST', forgeCursor(['NEWEST', AT, 'id'])],
    ['an id that is a number', 'NEWEST', forgeCursor(['NEWEST', AT, 7])],
    ['another order', 'PRICE_ASC', forgeCursor(['PRICE_DESC', 1000, ID])],
    ['an order that does not exist', 'NEWEST', forgeCursor(['OLDEST', AT, ID])],
    ['a price with a fraction', 'PRICE_ASC', forgeCursor(['PRICE_ASC', 10.5, ID])],
    ['a negative price', 'PRICE_ASC', forgeCursor(['PRICE_ASC', -1, ID])],
    ['a price above any product', 'PRICE_DESC', forgeCursor(['PRICE_DESC', 1e300, ID])],
    ['a price that is infinite in JSON', 'PRICE_DESC', forgeCursor(`["PRICE_DESC",1e400,"${ID}"]`)],
    ['an empty name', 'NAME_ASC', forgeCursor(['NAME_ASC', '', ID])],
    ['a name longer than any product', 'NAME_ASC', forgeCursor(['NAME_ASC', 'n'.repeat(201), ID])],
    ['a name that is a number', 'NAME_ASC', forgeCursor(['NAME_ASC', 5, ID])],
    ['a name with a tab', 'NAME_ASC', forgeCursor(['NAME_ASC', 'Adatum\t', ID])],
    ['a name with a line feed', 'NAME_ASC', forgeCursor(['NAME_ASC', 'Adatum\n', ID])],
    ['a name with a right-to-left override', 'NAME_ASC', forgeCursor(['NAME_ASC', 'Adatum\u202e', ID])],
    ['a name with NEL (U+0085)', 'NAME_ASC', forgeCursor(['NAME_ASC', 'Adatum\u0085', ID])],
    ['a name with DEL', 'NAME_ASC', forgeCursor(['NAME_ASC', 'Adatum\u007f', ID])],
    ['a name with an unpaired surrogate', 'NAME_ASC', forgeCursor(['NAME_ASC', 'Adatum\ud800', ID])],
    ['a name with a zero-width no-break space (U+FEFF)', 'NAME_ASC', forgeCursor(['NAME_ASC', 'Adatum\ufeff', ID])],
    ['a fourth value', 'NEWEST', forgeCursor(['NEWEST', AT, ID, 'more'])],
  ])('refuses a cursor holding %s with BAD_USER_INPUT naming after', async (_kind, sort, after) => {
    const result = await execute(catalog.server, catalog.context(), PRODUCTS, { sort, after });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toBe('after: is not a valid cursor');
  });

  it.each([
    ['NEWEST', ['Page 2', 'Page 1', 'Page 3']],
    ['PRICE_ASC', ['Page 1', 'Page 2', 'Page 3']],
    ['PRICE_DESC', ['Page 3', 'Page 2', 'Page 1']],
    ['NAME_ASC', ['Page 1', 'Page 2', 'Page 3']],
  ])('pages on from the end cursor it gave, sorted %s', async (sort, expected) => {
    const category = categoryDoc();
    await catalog.insertCategories(category);
    const brand = `Pagebrand-${sort}`;
    // Created in this order, each a minute after the last.
    const products = [3, 1, 2].map((n) =>
      productDoc({ categoryId: category._id, brand, name: `Page ${n}`, price: { amount: n * 100, currency: 'USD' } }),
    );
    await catalog.insertProducts(...products);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const result: OperationResult<ProductPage> = await execute(catalog.server, catalog.context(), PRODUCTS, {
        filter: { brand },
        sort,
        first: 1,
        after,
      });
      expect(result.errors).toBeUndefined();
      seen.push(...(result.data?.products.edges.map((e) => e.node.name) ?? []));
      after = result.data?.products.pageInfo.endCursor ?? null;
    }
    expect(seen).toEqual(expected);
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
