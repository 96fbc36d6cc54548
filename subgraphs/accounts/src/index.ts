import type { BootOptions } from '@agora/subgraph-kit';
import { createAccountsService, type AccountsService } from './app';
import { signInLimitsOf, type AccountsConfig } from './config';
import { seedDemoUsers } from './seed';
import { UserRepository } from './user.repository';

export { loadConfig, type AccountsConfig as Config } from './config';
export { MIGRATIONS_FOLDER } from './db';
export type Service = AccountsService;

/**
 * The accounts service as the process runs it. Creates the signing key on a fresh
 * database before the first request needs it, and refuses to start when it cannot.
 */
export async function boot(config: AccountsConfig, _options: BootOptions = {}): Promise<AccountsService> {
  const service = createAccountsService({
    databaseUrl: config.DATABASE_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    signInLimits: signInLimitsOf(config),
    redisUrl: config.REDIS_URL,
    rateLimitKeyPrefix: config.RATE_LIMIT_KEY_PREFIX,
  });
  await service.signingKeys.active();
  return service;
}

/** Adds the demo users that do not exist yet (idempotent). */
export async function seedDemo(service: AccountsService): Promise<void> {
  await seedDemoUsers(new UserRepository(service.db.db));
}
