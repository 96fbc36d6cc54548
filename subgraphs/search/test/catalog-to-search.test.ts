import { randomUUID } from 'node:crypto';
import { startSubgraphs, waitFor, type StartedSubgraphs } from '@agora/testing';

const CREATE = `mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }`;
const SEARCH = `query ($query: String!, $filter: ProductFilter) { search(query: $query, filter: $filter) { edges { node { id } } } }`;
const admin = { userId: 'admin-1', roles: ['customer', 'admin'] };

let started: StartedSubgraphs<'catalog' | 'search'>;

beforeAll(async () => {
  started = await startSubgraphs(['catalog', 'search'], { prefix: 'search', events: true });
});
afterAll(() => started.stop());

/** The ids of `search(...)` in result order. */
async function searchIds(query: string, variables: Record<string, unknown> = {}): Promise<string[]> {
  const result = await started.execute('search', null, SEARCH, { query, ...variables });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return (result.data?.search as { edges: { node: { id: string } }[] }).edges.map((edge) => edge.node.id);
}

describe('from the catalog to search', () => {
  it('finds a product the catalog created, through its outbox, relay and the search consumer', async () => {
    // The catalog has no operation that adds a category, and its demo data would queue 500
    // events ahead of this one: the category goes into the booted catalog's store.
    const categoryId = randomUUID();
    await started.subgraphs.catalog.service.store.categories.insertOne({
      _id: categoryId,
      slug: 'audio',
      name: 'Audio',
      parentId: null,
    });
    const created = await started.execute('catalog', admin, CREATE, {
      input: {
        name: 'Wireless Headphones',
        brand: 'Sonora',
        categoryId,
        price: { amount: 19900, currency: 'USD' },
      },
    });
    expect(created.errors).toBeUndefined();
    const productId = (created.data?.createProduct as { id: string }).id;

    await waitFor(async () => (await searchIds('hedphones')).includes(productId));
    expect(await searchIds('wireless', { filter: { categoryId, brand: 'Sonora' } })).toEqual([productId]);
  });
});
