import { z } from 'zod';
import { breakerEnv } from './breaker';
import { previousPublicKeysSetting, signingKeySetting } from './identity-signer';
import { readSecretFiles } from './secret-files';
import { trustedSignersEnv } from './trusted-signers';

/**
 * Parses the environment once against a schema. A service whose configuration is
 * missing or wrong refuses to start with a message naming each bad variable. Each
 * secret (SECRET_VARIABLES) may be given as `<NAME>_FILE` instead (see readSecretFiles).
 */
export function parseConfig<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> {
  const secrets = readSecretFiles(env);
  const result = schema.safeParse(secrets.env);
  const issues = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  const lines = [...secrets.problems, ...issues];
  if (result.success && lines.length === 0) return result.data;
  throw new Error(`Invalid configuration:\n${lines.map((line) => `  ${line}`).join('\n')}`);
}

/** Settings every subgraph shares. */
export const subgraphEnv = {
  PORT: z.coerce.number().int().positive(),
  HOST: z.string().default('0.0.0.0'),
  NODE_ENV: z.string().default('development'),
  /**
   * The signers whose identity tokens this subgraph accepts (`name=jwksUrl,…`, see
   * trustedSignersEnv); a subgraph that other services call overrides the default
   * (the router alone) with `trustedSignersEnv([...callers])`.
   */
  TRUSTED_SIGNERS: trustedSignersEnv(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * On SIGTERM/SIGINT, how long /ready answers 503 before the server drains and stops,
   * so a load balancer or Kubernetes stops sending traffic first (milliseconds).
   */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().nonnegative().default(5_000),
  /** The circuit breakers of the service's calls to others (see breakerEnv). */
  ...breakerEnv,
};

/**
 * Settings of a subgraph that calls others (it signs its own calls): its private key
 * `SIGNING_KEY` (a private JWK as JSON, or `SIGNING_KEY_FILE`; generated at start when
 * unset outside production, required in production — add
 * `.superRefine(signingKeyRequiredInProduction('SIGNING_KEY'))` to the schema), and the
 * public keys it still publishes after a rotation.
 */
export const signerEnv = {
  SIGNING_KEY: signingKeySetting,
  SIGNING_KEY_PREVIOUS_PUBLIC_KEYS: previousPublicKeysSetting,
};

/**
 * The switch a seed entry reads: the demo data, with its published logins, is added only
 * when SEED_DEMO_DATA is 'true'. Unset or 'false' (the default, what production runs)
 * adds nothing; any other value refuses to start.
 */
export const demoDataEnv = {
  SEED_DEMO_DATA: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
};

/** The parsed `demoDataEnv`. */
export interface DemoDataSettings {
  SEED_DEMO_DATA: boolean;
}
