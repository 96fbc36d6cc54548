import { errorCodes } from '@agora/testing';
import { customer, ids, placeOrder, startRecommendations, type RecommendationsHarness, type Result } from './setup';

let harness: RecommendationsHarness;
beforeAll(async () => {
  harness = await startRecommendations();
});
afterAll(() => harness.stop());

const RECOMMENDED = `query ($id: ID!, $first: Int) {
  _entities(representations: [{ __typename: "User", id: $id }]) {
    ... on User { recommendedProducts(first: $first) { id } }
  }
}`;

function recommendedIds(result: Result): string[] {
  expect(result.errors).toBeUndefined();
  return (result.data?._entities[0].recommendedProducts as { id: string }[]).map((product) => product.id);
}

describe('User.recommendedProducts', () => {
  it('recommends what was bought with their purchases, never what they bought, then best sellers', async () => {
    const [mug, tea, kettle, spoon, bestSeller] = ids('user', 5) as [string, string, string, string, string];
    const shopper = customer();
    const others = customer();
    await placeOrder(harness, others.userId, [mug, tea, kettle]);
    await placeOrder(harness, others.userId, [mug, kettle]);
    await placeOrder(harness, others.userId, [tea, spoon]);
    // More units than anything else in this file: the best seller overall.
    await placeOrder(harness, others.userId, [[bestSeller, 1000]]);
    await placeOrder(harness, shopper.userId, [mug, tea]);

    const result = await harness.run(shopper, RECOMMENDED, { id: shopper.userId, first: 3 });
    // kettle: with mug twice and tea once (3); spoon: with tea once (1).
    expect(recommendedIds(result)).toEqual([kettle, spoon, bestSeller]);
  });

  it('recommends the best sellers overall to a user who has bought nothing', async () => {
    const shopper = customer();
    const [best] = ids('never-bought', 1) as [string];
    await placeOrder(harness, customer().userId, [[best, 5000]]);

    const result = await harness.run(shopper, RECOMMENDED, { id: shopper.userId, first: 1 });
    expect(recommendedIds(result)).toEqual([best]);
  });

  it("refuses another user's recommendations (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)", async () => {
    const shopper = customer();
    const someoneElse = await harness.run(customer(), RECOMMENDED, { id: shopper.userId });
    expect(errorCodes(someoneElse)).toEqual(['FORBIDDEN']);
    expect(someoneElse.errors?.[0]?.path).toEqual(['_entities', 0, 'recommendedProducts']);
    // Null on the field alone: the user (and whatever else the response holds) stands.
    expect(someoneElse.data?._entities).toEqual([{ recommendedProducts: null }]);
    const anonymous = await harness.run(null, RECOMMENDED, { id: shopper.userId });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(anonymous.data?._entities).toEqual([{ recommendedProducts: null }]);
  });
});
