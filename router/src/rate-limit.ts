import { ErrorCode, type Logger, RequestError } from '@agora/subgraph-kit';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Who a request is counted against: the signed-in user, else the client's network address. */
export type RateLimitedClient = { kind: 'user'; userId: string } | { kind: 'address'; address: string };

export interface RateLimitSettings {
  /** Requests one client may send per window; 0 turns the limit off. */
  requests: number;
  windowSeconds: number;
  /** Counts in Redis (shared by every router replica) when set, else in this process's memory. */
  redisUrl?: string;
  /** The prefix of the Redis keys (one per client and window). */
  keyPrefix: string;
}

export interface RequestRateLimit {
  /**
   * Counts one request of `client`. Over the limit it throws RATE_LIMITED as a refusal:
   * HTTP 429 with `Retry-After` and `extensions.retryAfterSeconds` (whole seconds).
   */
  consume: (client: RateLimitedClient) => Promise<void>;
  /** Where counts live: `redis` or `memory`. */
  store: 'redis' | 'memory';
  close: () => Promise<void>;
}

function keyOf(client: RateLimitedClient): string {
  return client.kind === 'user' ? `user:${client.userId}` : `ip:${client.address}`;
}

/** Whole seconds until a refused client may try again, at least 1. */
export function retryAfterSeconds(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/**
 * A fixed-window request limit per client (rate-limiter-flexible). With Redis, a
 * memory limiter is its insurance: while Redis does not answer, each replica counts
 * on its own rather than refusing or letting everything through.
 */
export function createRequestRateLimit(
  settings: RateLimitSettings,
  logger: Logger,
  onRefused: (client: RateLimitedClient['kind']) => void,
): RequestRateLimit {
  if (settings.requests === 0) return { consume: () => Promise.resolve(), store: 'memory', close: async () => {} };
  const options = { points: settings.requests, duration: settings.windowSeconds, keyPrefix: settings.keyPrefix };
  let redis: Redis | undefined;
  let limiter: RateLimiterAbstract;
  if (settings.redisUrl) {
    // No offline queue: while disconnected a command fails at once and the insurance limiter counts.
    redis = new Redis(settings.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on('error', (err: Error) => logger.warn({ err }, 'rate-limit store (Redis) error'));
    limiter = new RateLimiterRedis({
      ...options,
      storeClient: redis,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  } else {
    limiter = new RateLimiterMemory(options);
  }
  const active = redis;
  return {
    store: active ? 'redis' : 'memory',
    consume: async (client) => {
      try {
        await limiter.consume(keyOf(client));
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        onRefused(client.kind);
        const seconds = retryAfterSeconds(error);
        throw new RequestError(
          429,
          ErrorCode.RateLimited,
          `Too many requests; try again in ${seconds} s.`,
          { 'retry-after': String(seconds) },
          { retryAfterSeconds: seconds },
        ).toGraphQLError();
      }
    },
    close: async () => {
      if (active) await active.quit().catch(() => active.disconnect());
    },
  };
}
