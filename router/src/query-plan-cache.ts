import type { GatewayConfig } from '@apollo/gateway';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';

// Named through the gateway's own config type rather than the query planner's package.
type QueryPlanCache = NonNullable<NonNullable<GatewayConfig['queryPlannerConfig']>['cache']>;
type QueryPlan = NonNullable<Awaited<ReturnType<QueryPlanCache['get']>>>;

/** The gateway's default query plan store size (30 MiB), measured as it measures plans. */
const MAX_SIZE_BYTES = 30 * 2 ** 20;

/**
 * The query plan store the gateway would build for itself (an LRU of about 30 MiB,
 * each plan sized by its JSON), telling `onLookup` whether each lookup found a plan:
 * the gateway looks a plan up once per operation it executes and plans only on a miss.
 */
export function countingQueryPlanCache(onLookup: (hit: boolean) => void): QueryPlanCache {
  const store = new InMemoryLRUCache<QueryPlan>({
    maxSize: MAX_SIZE_BYTES,
    sizeCalculation: (plan) => Buffer.byteLength(JSON.stringify(plan), 'utf8'),
  });
  return {
    get: async (key) => {
      const plan = await store.get(key);
      onLookup(plan !== undefined);
      return plan;
    },
    set: (key, plan, options) => store.set(key, plan, options),
    delete: (key) => store.delete(key),
    clear: () => store.clear(),
  };
}
