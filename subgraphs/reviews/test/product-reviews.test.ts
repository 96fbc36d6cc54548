import { errorCodes, execute, forgedNewestFirstCursors } from '@agora/testing';
import { startReviews, type ReviewsHarness } from './setup';

const PRODUCTS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Product {
      id
      reviews(first: 3) { edges { node { id rating } } totalCount }
      averageRating
      reviewCount
    }
  }
}`;

const PAGE = `query ($representations: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $representations) {
    ... on Product {
      reviews(first: $first, after: $after) {
        edges { cursor node { id createdAt } }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
  }
}`;

let reviews: ReviewsHarness;
beforeAll(async () => {
  reviews = await startReviews();
});
afterAll(() => reviews.stop());

interface ReviewPage {
  edges: { node: { id: string; createdAt: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const productRefs = (ids: string[]) => ids.map((id) => ({ __typename: 'Product', id }));

describe('Product reviews, rating and count', () => {
  it('reads any number of products with the same number of SQL statements', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `p-batch-${i}`);
    await reviews.insert(
      ids.flatMap((productId, i) => [1, 2, 3, 4].map((n) => ({ productId, rating: 1 + ((i + n) % 5) }))),
    );

    const statementsFor = async (count: number) => {
      reviews.queries.reset();
      const result = await execute(reviews.server, reviews.context(), PRODUCTS, {
        representations: productRefs(ids.slice(0, count)),
      });
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toHaveLength(count);
      for (const product of result.data?._entities ?? []) {
        expect(product.reviews.edges).toHaveLength(3);
        expect(product.reviews.totalCount).toBe(4);
        expect(product.reviewCount).toBe(4);
      }
      return reviews.queries.count;
    };

    const forFive = await statementsFor(5);
    const forFifty = await statementsFor(50);
    expect(forFifty).toBe(forFive);
    // One page query and one grouped count/average query.
    expect(forFifty).toBe(2);
  });

  it('gives null average and zero counts for a product without reviews', async () => {
    const result = await execute(reviews.server, reviews.context(), PRODUCTS, {
      representations: productRefs(['p-unreviewed']),
    });
    expect(result.data?._entities).toEqual([
      { id: 'p-unreviewed', reviews: { edges: [], totalCount: 0 }, averageRating: null, reviewCount: 0 },
    ]);
  });

  it('rounds the average rating to 2 decimals', async () => {
    await reviews.insert([5, 5, 4].map((rating) => ({ productId: 'p-avg', rating })));
    const result = await execute(reviews.server, reviews.context(), PRODUCTS, {
      representations: productRefs(['p-avg']),
    });
    expect(result.data?._entities[0].averageRating).toBe(4.67);
  });
});

describe('Product reviews pagination', () => {
  it('walks every review of a product newest first, without duplicates or gaps', async () => {
    // Several reviews share a timestamp, so the id has to break ties in the cursor.
    const base = Date.UTC(2026, 0, 1);
    const ids = await reviews.insert(
      Array.from({ length: 23 }, (_, i) => ({
        productId: 'p-walk',
        createdAt: new Date(base + Math.floor(i / 3) * 1000),
      })),
    );
    await reviews.insert([{ productId: 'p-walk-other' }]);

    const seen: { id: string; createdAt: string }[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result = await execute(reviews.server, reviews.context(), PAGE, {
        representations: productRefs(['p-walk']),
        first: 4,
        after,
      });
      expect(result.errors).toBeUndefined();
      const connection: ReviewPage = result.data?._entities[0].reviews;
      expect(connection.totalCount).toBe(23);
      seen.push(...connection.edges.map((edge) => edge.node));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }

    expect(seen.map((r) => r.id).sort()).toEqual([...ids].sort());
    const order = [...seen].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    expect(seen).toEqual(order);
  });

  it.each(forgedNewestFirstCursors)(
    'refuses a cursor holding %s with BAD_USER_INPUT, never a server error',
    async (_label, after) => {
      await reviews.insert([{ productId: 'p-forged' }]);
      const result = await execute(reviews.server, reviews.context(), PAGE, {
        representations: productRefs(['p-forged']),
        after,
      });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.message).toBe('after: is not a valid cursor');
    },
  );

  it('refuses a page size over 100', async () => {
    const tooMany = await execute(reviews.server, reviews.context(), PAGE, {
      representations: productRefs(['p-walk']),
      first: 101,
    });
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
  });
});
