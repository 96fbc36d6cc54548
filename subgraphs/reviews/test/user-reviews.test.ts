import { randomUUID } from 'node:crypto';
import { errorCodes, execute, forgedNewestFirstCursors } from '@agora/testing';
import { startReviews, type ReviewsHarness } from './setup';

const USERS = `query ($representations: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $representations) {
    ... on User {
      id
      reviews(first: $first, after: $after) {
        edges { node { id product { id } author { id } } }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
  }
}`;

const REVIEWS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Review { id rating title author { id } product { id } createdAt }
  }
}`;

let reviews: ReviewsHarness;
beforeAll(async () => {
  reviews = await startReviews();
});
afterAll(() => reviews.stop());

const userRefs = (ids: string[]) => ids.map((id) => ({ __typename: 'User', id }));

describe('User reviews', () => {
  it("lists a user's reviews newest first and pages on", async () => {
    const base = Date.UTC(2026, 1, 1);
    const [older, newer, newest] = await reviews.insert(
      [1, 2, 3].map((day) => ({
        authorId: 'u-carol',
        productId: `p-${day}`,
        createdAt: new Date(base + day * 86_400_000),
      })),
    );
    await reviews.insert([{ authorId: 'u-dave', productId: 'p-1' }]);

    const first = await execute(reviews.server, reviews.context(), USERS, {
      representations: userRefs(['u-carol']),
      first: 2,
    });
    expect(first.errors).toBeUndefined();
    const page = first.data?._entities[0].reviews;
    expect(page.totalCount).toBe(3);
    expect(page.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([newest, newer]);
    expect(page.edges[0].node).toEqual({ id: newest, product: { id: 'p-3' }, author: { id: 'u-carol' } });
    expect(page.pageInfo.hasNextPage).toBe(true);

    const second = await execute(reviews.server, reviews.context(), USERS, {
      representations: userRefs(['u-carol']),
      first: 2,
      after: page.pageInfo.endCursor,
    });
    const rest = second.data?._entities[0].reviews;
    expect(rest.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([older]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('reads any number of users with the same number of SQL statements', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `u-batch-${i}`);
    await reviews.insert(ids.flatMap((authorId) => [1, 2].map((n) => ({ authorId, productId: `p-b${n}` }))));
    const statementsFor = async (count: number) => {
      reviews.queries.reset();
      const result = await execute(reviews.server, reviews.context(), USERS, {
        representations: userRefs(ids.slice(0, count)),
      });
      expect(result.data?._entities.map((u: { reviews: { totalCount: number } }) => u.reviews.totalCount)).toEqual(
        Array(count).fill(2),
      );
      return reviews.queries.count;
    };
    const forFour = await statementsFor(4);
    expect(await statementsFor(40)).toBe(forFour);
  });

  it('gives an empty connection to a user without reviews', async () => {
    const result = await execute(reviews.server, reviews.context(), USERS, { representations: userRefs(['u-quiet']) });
    expect(result.data?._entities[0].reviews).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
      totalCount: 0,
    });
  });
  it.each(forgedNewestFirstCursors)(
    'refuses a cursor holding %s with BAD_USER_INPUT, never a server error',
    async (_label, after) => {
      await reviews.insert([{ authorId: 'u-forged', productId: `p-${randomUUID()}` }]);
      const result = await execute(reviews.server, reviews.context(), USERS, {
        representations: userRefs(['u-forged']),
        after,
      });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.message).toBe('after: is not a valid cursor');
    },
  );
});

describe('Review reference resolution', () => {
  it('resolves many reviews in one query, unknown and malformed ids as null', async () => {
    const [a, b] = await reviews.insert([
      { productId: 'p-ref', authorId: 'u-ref-1', rating: 2, createdAt: new Date('2026-03-04T05:06:07.089Z') },
      { productId: 'p-ref', authorId: 'u-ref-2', rating: 5 },
    ]);
    const ids = [a!, randomUUID(), b!, 'not-a-uuid', a!];
    reviews.queries.reset();
    const result = await execute(reviews.server, reviews.context(), REVIEWS, {
      representations: ids.map((id) => ({ __typename: 'Review', id })),
    });
    expect(result.errors).toBeUndefined();
    const found = result.data?._entities;
    expect(found[0]).toEqual({
      id: a,
      rating: 2,
      title: 'Good',
      author: { id: 'u-ref-1' },
      product: { id: 'p-ref' },
      createdAt: '2026-03-04T05:06:07.089Z',
    });
    expect(found.map((r: { id: string } | null) => r?.id ?? null)).toEqual([a, null, b, null, a]);
    expect(reviews.queries.count).toBe(1);
  });
});
