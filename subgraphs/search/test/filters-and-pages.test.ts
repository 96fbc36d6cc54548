import { errorCodes, forgeCursor } from '@agora/testing';
import { productChanged, startSearch, type SearchHarness } from './setup';

let search: SearchHarness;
// Seven kettles of two brands, two categories and rising prices.
const kettles = Array.from({ length: 7 }, (_, i) =>
  productChanged({
    name: `Kettle ${i}`,
    brand: i % 2 === 0 ? 'Brewmaster' : 'Steamco',
    categoryId: i < 4 ? 'kitchen' : 'camping',
    price: { amount: 1000 * (i + 1), currency: 'USD' },
  }),
);
const idsOf = (indexes: number[]) => indexes.map((i) => kettles[i]?.payload.productId).sort();

beforeAll(async () => {
  search = await startSearch();
  for (const event of kettles) await search.deliver(event);
});
afterAll(() => search.stop());

describe('search filters', () => {
  it('keeps only the products of the given category', async () => {
    expect((await search.searchIds('kettle', { filter: { categoryId: 'camping' } })).sort()).toEqual(idsOf([4, 5, 6]));
  });

  it('keeps only the products of the given brand', async () => {
    expect((await search.searchIds('kettle', { filter: { brand: 'Steamco' } })).sort()).toEqual(idsOf([1, 3, 5]));
  });

  it('keeps only the products within the price range, bounds included', async () => {
    const ids = await search.searchIds('kettle', { filter: { minPrice: 2000, maxPrice: 4000 } });
    expect(ids.sort()).toEqual(idsOf([1, 2, 3]));
  });

  it('combines every given filter', async () => {
    const ids = await search.searchIds('kettle', {
      filter: { categoryId: 'kitchen', brand: 'Brewmaster', minPrice: 2000 },
    });
    expect(ids).toEqual(idsOf([2]));
  });
});

describe('search pages', () => {
  it('walks every result once, page after page, with the total count', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result = await search.search(
        { query: 'kettle', first: 3, after },
        'totalCount edges { node { id } } pageInfo { hasNextPage endCursor }',
      );
      expect(result.errors).toBeUndefined();
      const page = result.data?.search as {
        totalCount: number;
        edges: { node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
      expect(page.totalCount).toBe(7);
      seen.push(...page.edges.map((edge) => edge.node.id));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect([...seen].sort()).toEqual(idsOf([0, 1, 2, 3, 4, 5, 6]));
  });

  it('answers a page size above 100 and a cursor it did not make with BAD_USER_INPUT', async () => {
    expect(errorCodes(await search.search({ query: 'kettle', first: 101 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await search.search({ query: 'kettle', after: 'not-a-cursor' }))).toEqual(['BAD_USER_INPUT']);
  });

  const ID = '00000000-0000-4000-8000-000000000001';
  it.each([
    ['the empty string', ''],
    ['a huge string', 'A'.repeat(100_000)],
    ['a rank beyond PostgreSQL real', forgeCursor([3.5e38, 0.5, ID])],
    ['a rank that underflows real', forgeCursor([1e-50, 0.5, ID])],
    ['a rank that is infinite in JSON', forgeCursor(`[1e400,0.5,"${ID}"]`)],
    ['a negative rank', forgeCursor([-1, 0.5, ID])],
    ['a rank that is text', forgeCursor(['0.5', 0.5, ID])],
    ['a similarity above 1', forgeCursor([0.5, 2, ID])],
    ['a similarity beyond real', forgeCursor([0.5, -3.5e38, ID])],
    ['a product id with NUL', forgeCursor([0.5, 0.5, 'p\u0000'])],
    ['a product id with an unpaired surrogate', forgeCursor([0.5, 1, 'abc\ud800'])],
    ['a product id with a tab', forgeCursor([0.5, 1, 'abc\t'])],
    ['a product id with a line feed', forgeCursor([0.5, 1, 'abc\n'])],
    ['a product id with a right-to-left override', forgeCursor([0.5, 1, 'abc\u202e'])],
    ['a product id with DEL', forgeCursor([0.5, 1, 'abc\u007f'])],
    ['a product id with a byte order mark', forgeCursor([0.5, 1, '\ufeffabc'])],
    ['an empty product id', forgeCursor([0.5, 0.5, ''])],
    ['a product id that is a number', forgeCursor([0.5, 0.5, 1])],
    ['a product id of 10000 characters', forgeCursor([0.5, 0.5, 'p'.repeat(10_000)])],
    ['two values', forgeCursor([0.5, 0.5])],
    ['four values', forgeCursor([0.5, 0.5, ID, ID])],
  ])('refuses a cursor holding %s with BAD_USER_INPUT, never a server error', async (_label, after) => {
    const result = await search.search({ query: 'kettle', after });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toBe('after: is not a valid cursor');
  });

  it('counts the matches only when totalCount is asked for', async () => {
    search.queries.reset();
    await search.search({ query: 'kettle', first: 2 });
    const withoutCount = search.queries.count;
    search.queries.reset();
    await search.search({ query: 'kettle', first: 2 }, 'totalCount edges { node { id } }');
    expect(search.queries.count).toBeGreaterThan(withoutCount);
  });
});
