import { ids, listProduct, startRecommendations, type RecommendationsHarness, type Result } from './setup';

let harness: RecommendationsHarness;
beforeAll(async () => {
  harness = await startRecommendations();
});
afterAll(() => harness.stop());

const MANY_RECOMMENDATIONS = `query ($r: [_Any!]!) {
  _entities(representations: $r) { ... on Product { id recommendations(first: 3) { id } } }
}`;

/** SQL statements to read the recommendations of every product in `productIds` in one request. */
async function costOf(productIds: string[]): Promise<number> {
  harness.queries.reset();
  const result: Result = await harness.run(null, MANY_RECOMMENDATIONS, {
    r: productIds.map((id) => ({ __typename: 'Product', id })),
  });
  expect(result.errors).toBeUndefined();
  expect(result.data?._entities).toHaveLength(productIds.length);
  return harness.queries.count;
}

describe('cost of Product.recommendations', () => {
  it('costs the same SQL statements for 5 products as for 50', async () => {
    const products = ids('batch', 50);
    const [category] = ids('batch-category', 1) as [string];
    // Listed in one category, so every product needs the category fallback too.
    for (const id of products.slice(0, 10)) await listProduct(harness, id, category);

    const few = await costOf(products.slice(0, 5));
    const many = await costOf(products);
    expect(many).toBe(few);
    // Co-purchases, the category's best sellers, the best sellers overall.
    expect(few).toBe(3);
  });
});
