import { rateLimited } from '@agora/subgraph-kit';
import { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/** How failures of one key (an e-mail address, a client address) are answered. */
export interface FailureRule {
  /** Failures that cost nothing; each one after makes the key wait 1, 2, 4, … seconds. */
  freeFailures: number;
  /** Failures after which the key is locked for `lockSeconds`. */
  maxFailures: number;
  lockSeconds: number;
}

export interface SignInLimitSettings {
  /** Per e-mail address (any case), for log-in. */
  account: FailureRule;
  /** Per client address, for log-in, across every e-mail address tried from it. */
  address: FailureRule;
  /** How long failures are remembered, seconds; a successful log-in forgets the account's at once. */
  failureWindowSeconds: number;
  /** Sign-ups one client address may attempt per hour. */
  signUpsPerAddressPerHour: number;
}

/** The defaults (see the README): a few typos cost nothing, guessing gets 10 tries per account per quarter hour. */
export const DEFAULT_SIGN_IN_LIMITS: SignInLimitSettings = {
  account: { freeFailures: 3, maxFailures: 10, lockSeconds: 900 },
  address: { freeFailures: 20, maxFailures: 100, lockSeconds: 3600 },
  failureWindowSeconds: 3600,
  signUpsPerAddressPerHour: 20,
};

export interface SignInLimitStore {
  /** Counts in this Redis (shared by every accounts replica) when set, else in this process's memory. */
  redisUrl?: string;
  keyPrefix: string;
}

type LimiterOptions = Pick<IRateLimiterOptions, 'points' | 'duration' | 'keyPrefix'>;

/** Whole seconds, at least 1. */
function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** Milliseconds `res` is blocked for (over its `points`), else 0. */
function blockedMs(res: RateLimiterRes | null, points: number): number {
  return res && res.consumedPoints > points ? res.msBeforeNext : 0;
}

/** Failure counts of one kind of key, with the waits and locks they earn (rate-limiter-flexible). */
class FailureCounter {
  private readonly failures: RateLimiterAbstract;
  /** Only blocked, for the waits after the free failures. */
  private readonly waits: RateLimiterAbstract;

  constructor(
    limiter: (options: LimiterOptions) => RateLimiterAbstract,
    keyPrefix: string,
    private readonly rule: FailureRule,
    windowSeconds: number,
  ) {
    this.failures = limiter({ points: rule.maxFailures, duration: windowSeconds, keyPrefix: `${keyPrefix}:failures` });
    this.waits = limiter({ points: 1, duration: 1, keyPrefix: `${keyPrefix}:waits` });
  }

  /** Milliseconds before `key` may try again; 0 when it may now. */
  async retryAfterMs(key: string): Promise<number> {
    const [failures, waits] = await Promise.all([this.failures.get(key), this.waits.get(key)]);
    return Math.max(blockedMs(failures, this.rule.maxFailures), blockedMs(waits, 1));
  }

  /** Counts one failure of `key`, starting its wait or its lock when it has earned one. */
  async fail(key: string): Promise<void> {
    let count: number;
    try {
      count = (await this.failures.consume(key)).consumedPoints;
    } catch (error) {
      if (error instanceof RateLimiterRes) return; // already locked (a concurrent failure got there first)
      throw error;
    }
    if (count >= this.rule.maxFailures) await this.failures.block(key, this.rule.lockSeconds);
    else if (count > this.rule.freeFailures) await this.waits.block(key, 2 ** (count - this.rule.freeFailures - 1));
  }

  async forget(key: string): Promise<void> {
    await Promise.all([this.failures.delete(key), this.waits.delete(key)]);
  }
}

/**
 * Log-in and sign-up limits, per e-mail address and per client address. A refused
 * attempt is RATE_LIMITED with `extensions.retryAfterSeconds` and is decided before
 * any password hash, so it takes the same path for known and unknown addresses.
 */
export class SignInLimits {
  private readonly byAccount: FailureCounter;
  private readonly byAddress: FailureCounter;
  private readonly signUps: RateLimiterAbstract;
  private readonly redis: Redis | undefined;

  constructor(settings: SignInLimitSettings, store: SignInLimitStore) {
    // No offline queue: while Redis does not answer a command fails at once and the memory insurance counts.
    this.redis = store.redisUrl
      ? new Redis(store.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
      : undefined;
    // Errors reach the insurance limiter; without a listener ioredis would print each one.
    this.redis?.on('error', () => {});
    const redis = this.redis;
    const limiter = (options: LimiterOptions): RateLimiterAbstract =>
      redis
        ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) })
        : new RateLimiterMemory(options);
    const prefix = store.keyPrefix;
    this.byAccount = new FailureCounter(
      limiter,
      `${prefix}:login:account`,
      settings.account,
      settings.failureWindowSeconds,
    );
    this.byAddress = new FailureCounter(
      limiter,
      `${prefix}:login:address`,
      settings.address,
      settings.failureWindowSeconds,
    );
    this.signUps = limiter({
      points: settings.signUpsPerAddressPerHour,
      duration: 3600,
      keyPrefix: `${prefix}:signup`,
    });
  }

  /** Throws RATE_LIMITED while `email` or `address` must wait or is locked. */
  async checkLogIn(email: string, address: string | undefined): Promise<void> {
    const waits = await Promise.all([
      this.byAccount.retryAfterMs(accountKey(email)),
      address ? this.byAddress.retryAfterMs(address) : 0,
    ]);
    const ms = Math.max(...waits);
    if (ms > 0) {
      const retryAfter = seconds(ms);
      throw rateLimited(`Too many failed log-ins; try again in ${retryAfter} s.`, retryAfter);
    }
  }

  async logInFailed(email: string, address: string | undefined): Promise<void> {
    await Promise.all([this.byAccount.fail(accountKey(email)), address ? this.byAddress.fail(address) : undefined]);
  }

  /** Forgets the account's failures (not the address's: one good password must not clear a spray). */
  async logInSucceeded(email: string): Promise<void> {
    await this.byAccount.forget(accountKey(email));
  }

  /** Counts one sign-up attempt from `address`; throws RATE_LIMITED over the hourly limit. */
  async countSignUp(address: string | undefined): Promise<void> {
    if (!address) return;
    try {
      await this.signUps.consume(address);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfter = seconds(error.msBeforeNext);
      throw rateLimited(`Too many sign-ups from this address; try again in ${retryAfter} s.`, retryAfter);
    }
  }

  async close(): Promise<void> {
    const redis = this.redis;
    if (redis) await redis.quit().catch(() => redis.disconnect());
  }
}

/** E-mail addresses are unique in any case (see users_email_unique). */
function accountKey(email: string): string {
  return email.trim().toLowerCase();
}
