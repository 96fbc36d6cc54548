import { databaseEnv, type DatabaseConfig } from '@agora/postgres';
import { demoDataEnv, parseConfig, subgraphEnv, type DemoDataSettings, trustedSignersEnv } from '@agora/subgraph-kit';
import { z } from 'zod';
import { DEFAULT_SIGN_IN_LIMITS, type SignInLimitSettings } from './sign-in-limits';

/** Access-token settings; the router must be configured with the same issuer and audience. */
const jwtEnv = z.object({
  JWT_ISSUER: z.string().min(1).default('agora-accounts'),
  JWT_AUDIENCE: z.string().min(1).default('agora'),
  /** Short on purpose: an access token cannot be revoked, only left to expire. */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
});

const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Log-in and sign-up limits (see sign-in-limits.ts and the README); defaults in DEFAULT_SIGN_IN_LIMITS. */
const signInLimitsEnv = z.object({
  LOGIN_ACCOUNT_FREE_FAILURES: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(DEFAULT_SIGN_IN_LIMITS.account.freeFailures),
  LOGIN_ACCOUNT_MAX_FAILURES: count(DEFAULT_SIGN_IN_LIMITS.account.maxFailures),
  LOGIN_ACCOUNT_LOCK_SECONDS: count(DEFAULT_SIGN_IN_LIMITS.account.lockSeconds),
  LOGIN_ADDRESS_FREE_FAILURES: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(DEFAULT_SIGN_IN_LIMITS.address.freeFailures),
  LOGIN_ADDRESS_MAX_FAILURES: count(DEFAULT_SIGN_IN_LIMITS.address.maxFailures),
  LOGIN_ADDRESS_LOCK_SECONDS: count(DEFAULT_SIGN_IN_LIMITS.address.lockSeconds),
  LOGIN_FAILURE_WINDOW_SECONDS: count(DEFAULT_SIGN_IN_LIMITS.failureWindowSeconds),
  SIGNUPS_PER_ADDRESS_PER_HOUR: count(DEFAULT_SIGN_IN_LIMITS.signUpsPerAddressPerHour),
  /** The counts in this Redis, shared by every accounts replica; in each process's memory when unset. */
  REDIS_URL: z.url().optional(),
  RATE_LIMIT_KEY_PREFIX: z.string().min(1).default('agora:accounts'),
});

const accountsEnv = z.object({
  ...subgraphEnv,
  ...databaseEnv.shape,
  ...jwtEnv.shape,
  ...signInLimitsEnv.shape,
  PORT: z.coerce.number().int().positive().default(4001),
  /** The router and the services that call accounts (notifications), at their local ports by default. */
  TRUSTED_SIGNERS: trustedSignersEnv(['notifications']),
});

export type AccountsConfig = z.infer<typeof accountsEnv>;

/** The only reader of process.env in accounts (`env` for tests). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AccountsConfig {
  return parseConfig(accountsEnv, env);
}

/** The log-in and sign-up limits of `config`. */
export function signInLimitsOf(config: AccountsConfig): SignInLimitSettings {
  return {
    account: {
      freeFailures: config.LOGIN_ACCOUNT_FREE_FAILURES,
      maxFailures: config.LOGIN_ACCOUNT_MAX_FAILURES,
      lockSeconds: config.LOGIN_ACCOUNT_LOCK_SECONDS,
    },
    address: {
      freeFailures: config.LOGIN_ADDRESS_FREE_FAILURES,
      maxFailures: config.LOGIN_ADDRESS_MAX_FAILURES,
      lockSeconds: config.LOGIN_ADDRESS_LOCK_SECONDS,
    },
    failureWindowSeconds: config.LOGIN_FAILURE_WINDOW_SECONDS,
    signUpsPerAddressPerHour: config.SIGNUPS_PER_ADDRESS_PER_HOUR,
  };
}

/** Migrations need the database only. */
export function loadDatabaseConfig(): DatabaseConfig {
  return parseConfig(databaseEnv);
}

/** The seed entry needs the database and the demo-data switch (`env` for tests). */
export function loadSeedConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig & DemoDataSettings {
  return parseConfig(z.object({ ...databaseEnv.shape, ...demoDataEnv }), env);
}
