import { errorCodes } from '@agora/testing';
import { productChanged, startSearch, type SearchHarness } from './setup';

let search: SearchHarness;
const headphones = productChanged({
  name: 'Studio Headphones',
  brand: 'Sonora',
  description: 'Closed-back, for long mixing sessions.',
});
const lamp = productChanged({ name: 'Desk Lamp', description: 'Bright enough to read by.' });
const stand = productChanged({ name: 'Stand', description: 'Holds your headphones when you are not mixing.' });

beforeAll(async () => {
  search = await startSearch();
  for (const event of [headphones, lamp, stand]) await search.deliver(event);
});
afterAll(() => search.stop());

describe('search matching', () => {
  it('finds a product by a word of its name', async () => {
    expect(await search.searchIds('lamp')).toEqual([lamp.payload.productId]);
  });

  it('finds a product by the beginning of a word', async () => {
    expect(await search.searchIds('head')).toContain(headphones.payload.productId);
  });

  it('finds a product despite a typo in its name', async () => {
    expect(await search.searchIds('hedphones')).toContain(headphones.payload.productId);
  });

  it('finds a product by its brand', async () => {
    expect(await search.searchIds('sonora')).toEqual([headphones.payload.productId]);
  });

  it('ranks a product named for the query above one that only mentions it in its description', async () => {
    expect(await search.searchIds('headphones')).toEqual([headphones.payload.productId, stand.payload.productId]);
  });

  it('finds nothing for a word no product has', async () => {
    expect(await search.searchIds('zeppelin')).toEqual([]);
  });

  it.each(['', '   ', '?!*&'])('refuses the query %j with BAD_USER_INPUT naming query', async (query) => {
    const result = await search.search({ query });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/^query: /);
  });

  it('treats tsquery operators in the query as plain text', async () => {
    expect(await search.searchIds('desk & !lamp:* |')).toEqual([lamp.payload.productId]);
  });
});
