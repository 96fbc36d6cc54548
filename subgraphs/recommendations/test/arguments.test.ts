import { errorCodes } from '@agora/testing';
import { customer, PRODUCT_RECOMMENDATIONS, startRecommendations, type RecommendationsHarness } from './setup';

let harness: RecommendationsHarness;
beforeAll(async () => {
  harness = await startRecommendations();
});
afterAll(() => harness.stop());

const USER_RECOMMENDATIONS = `query ($id: ID!, $first: Int) {
  _entities(representations: [{ __typename: "User", id: $id }]) { ... on User { recommendedProducts(first: $first) { id } } }
}`;

describe('first', () => {
  it.each([
    [0, 'first: must be at least 1'],
    [-3, 'first: must be at least 1'],
    [21, 'first: must be at most 20'],
  ])('refuses first = %d on Product.recommendations with BAD_USER_INPUT', async (first, message) => {
    const result = await harness.run(null, PRODUCT_RECOMMENDATIONS, { id: 'any-product', first });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toBe(message);
  });

  it('refuses first = 21 on User.recommendedProducts with BAD_USER_INPUT', async () => {
    const shopper = customer();
    const result = await harness.run(shopper, USER_RECOMMENDATIONS, { id: shopper.userId, first: 21 });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it('accepts 1 and 20 (an empty read model recommends nothing)', async () => {
    for (const first of [1, 20]) {
      const result = await harness.run(null, PRODUCT_RECOMMENDATIONS, { id: 'any-product', first });
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities[0].recommendations).toEqual([]);
    }
  });
});
