import { demoProducts } from '@agora/demo-data';
import { seedDemoProductCategories } from '../src/seed';
import { recommendationsFor, startRecommendations, type RecommendationsHarness } from './setup';

let harness: RecommendationsHarness;
beforeAll(async () => {
  harness = await startRecommendations();
});
afterAll(() => harness.stop());

describe('demo seed', () => {
  it('records the category of the 500 demo products once, however often it runs', async () => {
    expect(await seedDemoProductCategories(harness.db)).toBe(500);
    expect(await seedDemoProductCategories(harness.db)).toBe(0);
  });

  it('recommends the newest products of the same category before anything has sold', async () => {
    await seedDemoProductCategories(harness.db);
    const products = demoProducts();
    const [subject] = products as [(typeof products)[number]];
    const expected = products
      .filter((product) => product.categoryId === subject.categoryId && product.id !== subject.id)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, 5)
      .map((product) => product.id);

    expect(await recommendationsFor(harness, subject.id)).toEqual(expected);
  });
});
