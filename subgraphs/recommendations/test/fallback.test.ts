import {
  customer,
  ids,
  listProduct,
  placeOrder,
  recommendationsFor,
  startRecommendations,
  type RecommendationsHarness,
} from './setup';

let harness: RecommendationsHarness;
beforeAll(async () => {
  harness = await startRecommendations();
});
afterAll(() => harness.stop());

describe('when too few were bought together', () => {
  it('fills with the best sellers of the category, then the best sellers overall, never the product itself', async () => {
    const [product, boughtWith, topSeller] = ids('product', 3) as [string, string, string];
    const [slow, fast, unsold] = ids('same-category', 3) as [string, string, string];
    const [category, otherCategory] = ids('category', 2) as [string, string];
    for (const id of [product, slow, fast, unsold]) await listProduct(harness, id, category);
    await listProduct(harness, boughtWith, otherCategory);
    await listProduct(harness, topSeller, otherCategory);
    const { userId } = customer();
    await placeOrder(harness, userId, [product, boughtWith]);
    await placeOrder(harness, userId, [[slow, 1]]);
    await placeOrder(harness, userId, [[fast, 3]]);
    await placeOrder(harness, userId, [[topSeller, 50]]);
    // The product is the best seller of all: it must still not recommend itself.
    await placeOrder(harness, userId, [[product, 100]]);

    expect(await recommendationsFor(harness, product, 5)).toEqual([boughtWith, fast, slow, unsold, topSeller]);
    expect(await recommendationsFor(harness, product, 2)).toEqual([boughtWith, fast]);
  });

  it('recommends the best sellers overall for a product it knows nothing about', async () => {
    const [unknown, best, second] = ids('unknown', 3) as [string, string, string];
    // More units than any other test of this file sells, so these two lead overall.
    const { userId } = customer();
    await placeOrder(harness, userId, [[best, 500]]);
    await placeOrder(harness, userId, [[second, 400]]);

    expect(await recommendationsFor(harness, unknown, 2)).toEqual([best, second]);
    expect(await recommendationsFor(harness, best, 1)).toEqual([second]);
  });

  it('ranks products that have not sold yet newest first', async () => {
    const [older, newer, subject] = ids('unsold', 3) as [string, string, string];
    const [category] = ids('new-category', 1) as [string];
    await listProduct(harness, older, category);
    await listProduct(harness, newer, category);
    await listProduct(harness, subject, category);

    expect(await recommendationsFor(harness, subject, 2)).toEqual([newer, older]);
  });

  it('moves a product to its new category when the catalog changes it', async () => {
    const [moved, stays, subject] = ids('moved', 3) as [string, string, string];
    const [from, to] = ids('move-category', 2) as [string, string];
    await listProduct(harness, moved, from);
    await listProduct(harness, stays, from);
    await listProduct(harness, subject, to);
    expect(await recommendationsFor(harness, stays, 1)).toEqual([moved]);

    await listProduct(harness, moved, to);
    expect(await recommendationsFor(harness, subject, 1)).toEqual([moved]);
    expect(await recommendationsFor(harness, stays, 1)).not.toEqual([moved]);
  });
});
