import { demoProducts, PRODUCT_COUNT } from './catalog';
import { demoId, pick, seededRandom } from './random';
import { REVIEWER_COUNT, reviewers } from './users';

export interface DemoReview {
  id: string;
  productId: string;
  authorId: string;
  rating: number;
  title: string;
  body: string;
  createdAt: Date;
}

export const REVIEWS_PER_REVIEWER = 40;

const TITLES: Record<number, string[]> = {
  1: ['Disappointing', 'Broke in a week'],
  2: ['Not great', 'Expected more'],
  3: ['Does the job', 'Okay for the price'],
  4: ['Very good', 'Would buy again'],
  5: ['Excellent', 'Love it'],
};

const EPOCH = Date.UTC(2026, 5, 1);

/** 2,000 reviews: 40 per reviewer, never two by one reviewer on one product. */
export function demoReviews(): DemoReview[] {
  const random = seededRandom(42);
  const products = demoProducts();
  const authors = reviewers();
  const reviews: DemoReview[] = [];
  for (let k = 0; k < REVIEWS_PER_REVIEWER; k++) {
    for (let u = 0; u < REVIEWER_COUNT; u++) {
      // For a fixed reviewer, 12k mod 500 is distinct for k < 125: no duplicate pairs.
      const product = products[(u * 37 + k * 12) % PRODUCT_COUNT]!;
      const rating = 1 + Math.floor(Math.pow(random(), 0.6) * 5);
      const n = reviews.length;
      reviews.push({
        id: demoId(4, n + 1),
        productId: product.id,
        authorId: authors[u]!.id,
        rating,
        title: pick(random, TITLES[rating] ?? ['Fine']),
        body: `Review ${n + 1} of the ${product.name}.`,
        createdAt: new Date(EPOCH - n * 1_800_000),
      });
    }
  }
  return reviews;
}
