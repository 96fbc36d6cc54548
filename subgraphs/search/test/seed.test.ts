import { demoProducts } from '@agora/demo-data';
import { seedSearch } from '../src/seed';
import { productChanged, startSearch, type SearchHarness } from './setup';

let search: SearchHarness;
beforeAll(async () => {
  search = await startSearch();
});
afterAll(() => search.stop());

describe('seeding the index with the demo products', () => {
  it('indexes every demo product, keeps a newer version from the catalog, and can run again', async () => {
    const [first] = demoProducts();
    expect(first).toBeDefined();
    await search.deliver(
      productChanged({ productId: first!.id, name: 'Renamed Zeppelin' }, new Date(Date.UTC(2030, 0, 1)).toISOString()),
    );

    expect(await seedSearch(search.db)).toBe(demoProducts().length);
    expect(await seedSearch(search.db)).toBe(demoProducts().length);

    expect(await search.searchIds('zeppelin')).toEqual([first!.id]);
    const total = await search.search({ query: demoProducts()[1]!.name, first: 0 }, 'totalCount');
    expect((total.data?.search as { totalCount: number }).totalCount).toBeGreaterThan(0);
  });
});
