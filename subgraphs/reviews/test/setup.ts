import { randomUUID } from 'node:crypto';
import { baseContext, createTestDatabase } from '@agora/testing';
import type { Caller } from '@agora/subgraph-kit';
import { createReviewsService } from '../src/app';
import type { Context } from '../src/context';
import { MIGRATIONS_FOLDER } from '../src/db';
import { reviews, type NewReview } from '../src/db/schema';
import type { ProductDirectory } from '../src/product-directory';
import { fixedProducts } from './fixed-products';

export type ReviewsHarness = ReturnType<typeof createReviewsService> & {
  context: (caller?: Caller | null) => Context;
  /** Inserts reviews straight into the table (test data), returning their ids. */
  insert: (rows: Partial<NewReview>[]) => Promise<string[]>;
  /** Rows in the reviews table. */
  count: () => Promise<number>;
  stop: () => Promise<void>;
};

/** A migrated database of this test file's own and the reviews service over it. */
export async function startReviews(products: ProductDirectory = fixedProducts([])): Promise<ReviewsHarness> {
  const database = await createTestDatabase('reviews', MIGRATIONS_FOLDER);
  const service = createReviewsService({ databaseUrl: database.url, products });
  await service.server.start();
  return {
    ...service,
    context: (caller = null) => service.createContext(baseContext(caller)) as Context,
    insert: async (rows) => {
      const values = rows.map((row) => ({
        id: randomUUID(),
        productId: 'p-default',
        authorId: `u-${randomUUID()}`,
        rating: 4,
        title: 'Good',
        body: 'Does what it says.',
        ...row,
      }));
      await service.db.db.insert(reviews).values(values);
      return values.map((row) => row.id);
    },
    count: async () => await service.db.db.$count(reviews),
    stop: async () => {
      await service.server.stop();
      await service.close();
      await database.drop();
    },
  };
}

export const alice: Caller = { userId: 'user-alice', roles: ['customer'] };
export const bob: Caller = { userId: 'user-bob', roles: ['customer'] };
export const admin: Caller = { userId: 'user-admin', roles: ['customer', 'admin'] };
