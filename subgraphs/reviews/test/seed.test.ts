import { demoReviews } from '@agora/demo-data';
import { seedDemoReviews } from '../src/seed';
import { startReviews, type ReviewsHarness } from './setup';

let reviews: ReviewsHarness;
beforeAll(async () => {
  reviews = await startReviews();
});
afterAll(() => reviews.stop());

describe('demo seed', () => {
  it('adds the 2,000 demo reviews once, however often it runs', async () => {
    expect(demoReviews()).toHaveLength(2000);
    expect(await seedDemoReviews(reviews.db)).toBe(2000);
    expect(await seedDemoReviews(reviews.db)).toBe(0);
    expect(await reviews.count()).toBe(2000);
  });
});
