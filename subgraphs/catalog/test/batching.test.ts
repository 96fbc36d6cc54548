import { execute } from '@agora/testing';
import { categoryDoc, productDoc } from './fixtures';
import { startCatalog, type CatalogHarness } from './setup';

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Product { id name category { name parent { name } } } }
}`;
const PRODUCTS = `query ($first: Int, $filter: ProductFilter) {
  products(first: $first, filter: $filter) { totalCount edges { node { id category { name } } } }
}`;

let catalog: CatalogHarness;
const brand = 'Batchbrand';
const ids: string[] = [];
beforeAll(async () => {
  catalog = await startCatalog();
  const parent = categoryDoc();
  // Products spread over many categories, so per-item lookups would show up in the count.
  const leaves = Array.from({ length: 10 }, () => categoryDoc({ parentId: parent._id }));
  await catalog.insertCategories(parent, ...leaves);
  const products = Array.from({ length: 50 }, (_, n) => productDoc({ brand, categoryId: leaves[n % 10]!._id }));
  await catalog.insertProducts(...products);
  ids.push(...products.map((p) => p._id));
});
afterAll(() => catalog.stop());

async function storeOperations(query: string, variables: Record<string, unknown>): Promise<number> {
  catalog.queries.reset();
  const result = await execute(catalog.server, catalog.context(), query, variables);
  expect(result.errors).toBeUndefined();
  return catalog.queries.count;
}

describe('store operations per GraphQL operation', () => {
  it('resolves 5 or 50 product references, duplicates included, with the same number of operations', async () => {
    const representations = (n: number) => ids.slice(0, n).map((id) => ({ __typename: 'Product', id }));
    const five = await storeOperations(ENTITIES, { representations: [...representations(5), ...representations(1)] });
    const fifty = await storeOperations(ENTITIES, { representations: representations(50) });
    expect(fifty).toBe(five);
    // products, their categories, the categories' parents.
    expect(fifty).toBe(3);
  });

  it('lists 5 or 50 products with their categories with the same number of operations', async () => {
    const five = await storeOperations(PRODUCTS, { first: 5, filter: { brand } });
    const fifty = await storeOperations(PRODUCTS, { first: 50, filter: { brand } });
    expect(fifty).toBe(five);
    // the page, the count, the categories.
    expect(fifty).toBe(3);
  });

  it('counts the listing only when totalCount is asked for', async () => {
    const withoutCount = PRODUCTS.replace('totalCount ', '');
    // the page and the categories.
    expect(await storeOperations(withoutCount, { first: 50, filter: { brand } })).toBe(2);
  });
});
