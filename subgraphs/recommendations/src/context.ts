import type { BaseContext } from '@agora/subgraph-kit';
import type { RecommendationsDb } from './db';
import { createLoaders, type Loaders } from './loaders';
import { RecommendationRepository } from './recommendation.repository';

export interface Context extends BaseContext {
  loaders: Loaders;
}

/** Builds the per-request context factory over one database handle. */
export function contextFactory(db: RecommendationsDb): (base: BaseContext) => Context {
  const repository = new RecommendationRepository(db.db);
  return (base) => ({ ...base, loaders: createLoaders(repository) });
}
