import DataLoader from 'dataloader';
import type { RecommendationRepository } from './recommendation.repository';
import { pickRecommendations } from './recommendation.service';

/** Recommendations for one product or user, `first` of them. */
interface RecommendationKey {
  id: string;
  first: number;
}

export interface Loaders {
  /** Product ids recommended with a product: three SQL statements per batch, however many products. */
  productRecommendations: DataLoader<RecommendationKey, string[], string>;
  /** Product ids recommended to a user: two SQL statements per batch. */
  userRecommendations: DataLoader<RecommendationKey, string[], string>;
}

const keyOf = (key: RecommendationKey): string => `${key.first}:${key.id}`;

/** The largest `first` of a batch: one statement reads that many for everybody, each key keeps its own. */
function largestFirst(keys: readonly RecommendationKey[]): number {
  return Math.max(...keys.map((key) => key.first));
}

function uniqueIds(keys: readonly RecommendationKey[]): string[] {
  return [...new Set(keys.map((key) => key.id))];
}

async function loadProductRecommendations(
  repository: RecommendationRepository,
  keys: readonly RecommendationKey[],
): Promise<string[][]> {
  const ids = uniqueIds(keys);
  const first = largestFirst(keys);
  // Overall best sellers: the fill left after the co-purchases and the category's best
  // sellers, so at most `first` were picked before, plus the product itself to skip.
  const [coPurchased, category, overall] = await Promise.all([
    repository.coPurchased(ids, first),
    repository.categoryBestSellers(ids, first),
    repository.bestSellers(first + 1),
  ]);
  return keys.map((key) =>
    pickRecommendations(key.first, [key.id], coPurchased.get(key.id) ?? [], category.get(key.id) ?? [], overall),
  );
}

async function loadUserRecommendations(
  repository: RecommendationRepository,
  keys: readonly RecommendationKey[],
): Promise<string[][]> {
  const ids = uniqueIds(keys);
  const first = largestFirst(keys);
  const [coPurchased, bestSellers] = await Promise.all([
    repository.coPurchasedForUsers(ids, first),
    repository.bestSellersForUsers(ids, first),
  ]);
  return keys.map((key) =>
    pickRecommendations(key.first, [], coPurchased.get(key.id) ?? [], bestSellers.get(key.id) ?? []),
  );
}

/** Created per request: a cache must never outlive one caller's request. */
export function createLoaders(repository: RecommendationRepository): Loaders {
  return {
    productRecommendations: new DataLoader((keys) => loadProductRecommendations(repository, keys), {
      cacheKeyFn: keyOf,
    }),
    userRecommendations: new DataLoader((keys) => loadUserRecommendations(repository, keys), { cacheKeyFn: keyOf }),
  };
}
