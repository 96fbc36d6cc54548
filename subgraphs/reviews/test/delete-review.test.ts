import { randomUUID } from 'node:crypto';
import { errorCodes, execute } from '@agora/testing';
import { admin, alice, bob, startReviews, type ReviewsHarness } from './setup';

const DELETE_REVIEW = `mutation ($id: ID!) { deleteReview(id: $id) }`;
const REVIEW = `query ($id: ID!) {
  _entities(representations: [{ __typename: "Review", id: $id }]) { ... on Review { id } }
}`;

let reviews: ReviewsHarness;
beforeAll(async () => {
  reviews = await startReviews();
});
afterAll(() => reviews.stop());

async function exists(id: string): Promise<boolean> {
  const result = await execute(reviews.server, reviews.context(), REVIEW, { id });
  return result.data?._entities[0] !== null;
}

describe('deleteReview', () => {
  it('lets the author delete their review', async () => {
    const [id] = await reviews.insert([{ authorId: alice.userId, productId: 'p-own' }]);
    const result = await execute(reviews.server, reviews.context(alice), DELETE_REVIEW, { id });
    expect(result.errors).toBeUndefined();
    expect(result.data?.deleteReview).toBe(true);
    expect(await exists(id!)).toBe(false);
  });

  it("lets an admin delete anyone's review", async () => {
    const [id] = await reviews.insert([{ authorId: bob.userId, productId: 'p-admin' }]);
    const result = await execute(reviews.server, reviews.context(admin), DELETE_REVIEW, { id });
    expect(result.data?.deleteReview).toBe(true);
    expect(await exists(id!)).toBe(false);
  });

  it('refuses another customer and keeps the review', async () => {
    const [id] = await reviews.insert([{ authorId: bob.userId, productId: 'p-other' }]);
    const result = await execute(reviews.server, reviews.context(alice), DELETE_REVIEW, { id });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(await exists(id!)).toBe(true);
  });

  it('refuses anonymous callers and keeps the review', async () => {
    const [id] = await reviews.insert([{ authorId: bob.userId, productId: 'p-anon' }]);
    const result = await execute(reviews.server, reviews.context(null), DELETE_REVIEW, { id });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(await exists(id!)).toBe(true);
  });

  it.each([
    ['an unknown id', randomUUID()],
    ['an id that is not a UUID', 'not-a-review'],
  ])('answers NOT_FOUND for %s', async (_label, id) => {
    const result = await execute(reviews.server, reviews.context(admin), DELETE_REVIEW, { id });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });

  it('answers NOT_FOUND when the review was already deleted', async () => {
    const [id] = await reviews.insert([{ authorId: alice.userId, productId: 'p-twice' }]);
    await execute(reviews.server, reviews.context(alice), DELETE_REVIEW, { id });
    const again = await execute(reviews.server, reviews.context(alice), DELETE_REVIEW, { id });
    expect(errorCodes(again)).toEqual(['NOT_FOUND']);
  });
});
