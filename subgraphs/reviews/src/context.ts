import type { BaseContext } from '@agora/subgraph-kit';
import type { ReviewsDb } from './db';
import { createLoaders, type Loaders } from './loaders';
import type { ProductDirectory } from './product-directory';
import { ReviewRepository } from './review.repository';
import { ReviewService } from './review.service';

export interface Context extends BaseContext {
  reviews: ReviewService;
  loaders: Loaders;
}

/** Builds the per-request context factory over one database handle and the catalog. */
export function contextFactory(db: ReviewsDb, products: ProductDirectory): (base: BaseContext) => Context {
  const repository = new ReviewRepository(db.db);
  return (base) => ({
    ...base,
    reviews: new ReviewService(repository, products, { requestId: base.requestId, deadline: base.deadline }),
    loaders: createLoaders(repository),
  });
}
