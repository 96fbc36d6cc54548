import { randomUUID } from 'node:crypto';
import { tcpAnswers } from './probe';

/** The Redis the rate-limit tests use: REDIS_URL, or the local default. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let redisUp: boolean | undefined;

/**
 * `describe` when Redis answers at REDIS_URL, `describe.skip` otherwise (outside CI
 * only: under CI a missing Redis fails the run loudly). Probed once per test file, on
 * first use, so files without Redis tests pay nothing.
 */
export function describeRedis(): jest.Describe {
  redisUp ??= tcpAnswers(new URL(REDIS_URL), 6379);
  if (redisUp) return describe;
  if (process.env.CI === 'true') {
    throw new Error(`Redis does not answer at ${REDIS_URL}: CI requires it for the shared rate-limit tests.`);
  }
  console.warn(`Redis does not answer at ${REDIS_URL}: skipping the Redis tests (CI runs them).`);
  return describe.skip;
}

/** A Redis key prefix no other test run uses, so runs never share counts. */
export function uniqueRedisPrefix(label: string): string {
  return `agora-test:${label}:${randomUUID()}`;
}
