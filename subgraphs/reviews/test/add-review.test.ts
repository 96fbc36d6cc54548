import { errorCodes, execute } from '@agora/testing';
import { fixedProducts, unreachableCatalog } from './fixed-products';
import { alice, bob, startReviews, type ReviewsHarness } from './setup';

const ADD_REVIEW = `mutation ($input: AddReviewInput!) {
  addReview(input: $input) { id rating title body createdAt author { id } product { id reviewCount averageRating } }
}`;

const catalog = fixedProducts(['p-lamp', 'p-desk', 'p-chair', 'p-rug', 'p-shelf']);
let reviews: ReviewsHarness;
beforeAll(async () => {
  reviews = await startReviews(catalog);
});
afterAll(() => reviews.stop());

function addReview(input: Record<string, unknown>, caller = alice) {
  return execute(reviews.server, reviews.context(caller), ADD_REVIEW, {
    input: { productId: 'p-lamp', rating: 4, title: 'Bright', body: 'Lights the whole desk.', ...input },
  });
}

describe('addReview', () => {
  it('stores a trimmed review by the caller and answers with references to the author and product', async () => {
    const result = await addReview({ productId: 'p-desk', rating: 5, title: '  Sturdy  ', body: ' Solid oak. ' });
    expect(result.errors).toBeUndefined();
    const review = result.data?.addReview;
    expect(review).toMatchObject({
      rating: 5,
      title: 'Sturdy',
      body: 'Solid oak.',
      author: { id: alice.userId },
      product: { id: 'p-desk', reviewCount: 1, averageRating: 5 },
    });
    expect(new Date(review.createdAt).toISOString()).toBe(review.createdAt);
    expect(catalog.lookups).toContainEqual(['p-desk']);
  });

  it('refuses anonymous callers', async () => {
    const before = await reviews.count();
    const result = await execute(reviews.server, reviews.context(null), ADD_REVIEW, {
      input: { productId: 'p-lamp', rating: 4, title: 'x', body: 'y' },
    });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(await reviews.count()).toBe(before);
  });

  it.each([
    ['a rating of 0', { rating: 0 }, 'input.rating'],
    ['a rating of 6', { rating: 6 }, 'input.rating'],
    ['a blank title', { title: '   ' }, 'input.title'],
    ['a title over 120 characters', { title: 'x'.repeat(121) }, 'input.title'],
    ['an empty body', { body: '' }, 'input.body'],
    ['a body over 5000 characters', { body: 'x'.repeat(5001) }, 'input.body'],
    ['a blank product id', { productId: ' ' }, 'input.productId'],
  ])('refuses %s with BAD_USER_INPUT naming the field and writes nothing', async (_label, input, field) => {
    const before = await reviews.count();
    const result = await addReview({ productId: 'p-chair', ...input });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
    expect(await reviews.count()).toBe(before);
  });

  it('refuses a product the catalog does not know and writes nothing', async () => {
    const before = await reviews.count();
    const result = await addReview({ productId: 'p-unknown' });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/^input\.productId: /);
    expect(await reviews.count()).toBe(before);
  });

  it('refuses a second review of the same product by the same user', async () => {
    expect((await addReview({ productId: 'p-rug', rating: 2 })).errors).toBeUndefined();
    const second = await addReview({ productId: 'p-rug', rating: 5, title: 'Changed my mind' });
    expect(errorCodes(second)).toEqual(['CONFLICT']);
    const other = await addReview({ productId: 'p-rug', rating: 5 }, bob);
    expect(other.errors).toBeUndefined();
    expect(other.data?.addReview.product).toEqual({ id: 'p-rug', reviewCount: 2, averageRating: 3.5 });
  });
});

describe('addReview when the catalog is down', () => {
  let offline: ReviewsHarness;
  beforeAll(async () => {
    offline = await startReviews(unreachableCatalog);
  });
  afterAll(() => offline.stop());

  it('fails with a masked internal error and writes nothing', async () => {
    const result = await execute(offline.server, offline.context(alice), ADD_REVIEW, {
      input: { productId: 'p-lamp', rating: 4, title: 'Bright', body: 'Nice.' },
    });
    expect(errorCodes(result)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(result.errors?.[0]?.message).not.toMatch(/ECONNREFUSED/);
    expect(await offline.count()).toBe(0);
  });
});

describe('reviews table', () => {
  it('refuses a rating outside 1..5 whatever the code does', async () => {
    await expect(
      reviews.db.pool.query(
        `insert into reviews (product_id, author_id, rating, title, body) values ('p-db', 'u-db', 7, 't', 'b')`,
      ),
    ).rejects.toThrow(/reviews_rating_between_1_and_5/);
  });
});
