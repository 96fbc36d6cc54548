import path from 'node:path';
import {
  breakerEnv,
  parseConfig,
  previousPublicKeysSetting,
  signingKeyRequiredInProduction,
  signingKeySetting,
  subgraphEnv,
} from '@agora/subgraph-kit';
import { z } from 'zod';
import type { OperationLimits } from './operation-limits';
import type { TrustedDocumentsMode } from './trusted-documents';

/** "true"/"1"/"yes" and "false"/"0"/"no" (env values are strings). */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

/** The limits' defaults: every operation of the README and the end-to-end tests stays within half of each. */
export const DEFAULT_LIMITS: OperationLimits = { tokens: 1_000, depth: 16, aliases: 20, directives: 20, cost: 10_000 };

const routerEnv = z
  .object({
    PORT: z.coerce.number().int().nonnegative().default(4000),
    HOST: subgraphEnv.HOST,
    NODE_ENV: z.string().default('development'),
    LOG_LEVEL: subgraphEnv.LOG_LEVEL,
    /** The composed supergraph; by default the repo root's, from src/ (tests) and dist/ (built) alike. */
    SUPERGRAPH_PATH: z
      .string()
      .min(1)
      .default(path.resolve(__dirname, '..', '..', 'supergraph.graphql')),
    /**
     * The router's private key (a private JWK as JSON, or ROUTER_SIGNING_KEY_FILE): it signs
     * the identity of every subgraph request; subgraphs verify with its public keys at
     * /.well-known/jwks.json. Generated at start when unset outside production.
     */
    ROUTER_SIGNING_KEY: signingKeySetting,
    /** Public keys still published after a rotation (a JSON array of public JWKs). */
    ROUTER_SIGNING_KEY_PREVIOUS_PUBLIC_KEYS: previousPublicKeysSetting,
    ACCOUNTS_JWKS_URL: z.url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
    JWT_ISSUER: z.string().min(1).default('agora-accounts'),
    JWT_AUDIENCE: z.string().min(1).default('agora'),
    /**
     * How often the router asks accounts for revoked sessions (log-out, refresh-token
     * reuse) whose access tokens it then refuses, in milliseconds.
     */
    SESSION_REVOCATION_POLL_MS: z.coerce.number().int().min(10).default(2_000),
    /**
     * How long a revoked session is remembered: the longest access-token lifetime
     * accounts issues (its ACCESS_TOKEN_TTL_SECONDS), in seconds.
     */
    SESSION_REVOCATION_RETENTION_SECONDS: z.coerce.number().int().positive().default(900),
    /** Browser origins allowed to call the router (the storefront and Apollo Sandbox). */
    CORS_ORIGINS: commaList.default(['http://localhost:3000', 'https://studio.apollographql.com']),
    INTROSPECTION: booleanFlag.optional(),
    /** The longest one subgraph fetch may take (milliseconds); the request's deadline shortens it. */
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    /**
     * Each client request's deadline (milliseconds from when its context is created):
     * subgraph fetches are bounded by the time left and pass it on (DEADLINE_HEADER).
     */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    /** Per-subgraph circuit breakers (see breakerEnv). */
    ...breakerEnv,
    SHUTDOWN_GRACE_MS: subgraphEnv.SHUTDOWN_GRACE_MS,
    /**
     * Operation limits (see operation-limits.ts and the README): an operation over one is
     * refused with 400 OPERATION_LIMIT_EXCEEDED before it is planned. 0 turns that limit
     * off (it is not measured), for aliases and directives too.
     */
    MAX_TOKENS: z.coerce.number().int().nonnegative().default(DEFAULT_LIMITS.tokens),
    MAX_DEPTH: z.coerce.number().int().nonnegative().default(DEFAULT_LIMITS.depth),
    MAX_ALIASES: z.coerce.number().int().nonnegative().default(DEFAULT_LIMITS.aliases),
    MAX_DIRECTIVES: z.coerce.number().int().nonnegative().default(DEFAULT_LIMITS.directives),
    MAX_COST: z.coerce.number().int().nonnegative().default(DEFAULT_LIMITS.cost),
    /**
     * Requests per client (the signed-in user, else the client address) per window, over
     * which /graphql answers 429 RATE_LIMITED with Retry-After (see rate-limit.ts and the
     * README); 0 turns the limit off.
     */
    RATE_LIMIT_REQUESTS: z.coerce.number().int().nonnegative().default(200),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
    RATE_LIMIT_KEY_PREFIX: z.string().min(1).default('agora:router:requests'),
    /** Rate-limit counts in this Redis, shared by every router replica; in each process's memory when unset. */
    REDIS_URL: z.url().optional(),
    /**
     * How many proxies in front of the router to trust for X-Forwarded-For (Express's
     * `trust proxy` hop count); 0, the default, takes the TCP peer as the client address.
     */
    TRUST_PROXY: z.coerce.number().int().nonnegative().default(0),
    /** The gateway otherwise sends anonymous usage data to Apollo; off unless asked for. */
    APOLLO_TELEMETRY_DISABLED: booleanFlag.default(true),
    /**
     * A persisted-operation allow-list: the path of a manifest in Apollo's persisted query
     * manifest format (see trusted-documents.ts and the README).
     */
    TRUSTED_DOCUMENTS: z.string().min(1).optional(),
    /** off, audit or enforce (see TrustedDocumentsMode); enforce when TRUSTED_DOCUMENTS is set, else off. */
    TRUSTED_DOCUMENTS_MODE: z
      .enum(['off', 'audit', 'enforce'], { message: 'must be off, audit or enforce' })
      .optional(),
  })
  .superRefine(signingKeyRequiredInProduction('ROUTER_SIGNING_KEY'));

/** The operation limits of `config`. */
export function operationLimitsOf(config: RouterConfig): OperationLimits {
  return {
    tokens: config.MAX_TOKENS,
    depth: config.MAX_DEPTH,
    aliases: config.MAX_ALIASES,
    directives: config.MAX_DIRECTIVES,
    cost: config.MAX_COST,
  };
}

const SUBGRAPH_URL_PREFIX = 'SUBGRAPH_URL_';

export type RouterConfig = Omit<z.infer<typeof routerEnv>, 'INTROSPECTION' | 'TRUSTED_DOCUMENTS_MODE'> & {
  INTROSPECTION: boolean;
  TRUSTED_DOCUMENTS_MODE: TrustedDocumentsMode;
  /** Routing URL overrides by subgraph key (see subgraphUrlKey), from SUBGRAPH_URL_<NAME>. */
  SUBGRAPH_URLS: Record<string, string>;
};

/** The env-variable form of a subgraph name: `accounts` -> `ACCOUNTS`, `order-history` -> `ORDER_HISTORY`. */
export function subgraphUrlKey(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/**
 * SUBGRAPH_URL_<NAME> lets docker-compose point the router at container hosts while
 * the committed supergraph.graphql keeps its localhost routing URLs.
 */
function subgraphUrls(env: NodeJS.ProcessEnv): Record<string, string> {
  const entries = Object.entries(env).filter(([key]) => key.startsWith(SUBGRAPH_URL_PREFIX));
  const schema = z.object(Object.fromEntries(entries.map(([key]) => [key, z.url()])));
  const parsed = parseConfig(schema, env) as Record<string, string>;
  return Object.fromEntries(Object.entries(parsed).map(([key, url]) => [key.slice(SUBGRAPH_URL_PREFIX.length), url]));
}

/** The only reader of process.env in the router (tests pass their own env). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): RouterConfig {
  const parsed = parseConfig(routerEnv, env);
  const trustedDocumentsMode = parsed.TRUSTED_DOCUMENTS_MODE ?? (parsed.TRUSTED_DOCUMENTS ? 'enforce' : 'off');
  if (trustedDocumentsMode !== 'off' && !parsed.TRUSTED_DOCUMENTS) {
    throw new Error(
      `Invalid configuration:\n  TRUSTED_DOCUMENTS: required when TRUSTED_DOCUMENTS_MODE is ${trustedDocumentsMode}`,
    );
  }
  return {
    ...parsed,
    INTROSPECTION: parsed.INTROSPECTION ?? parsed.NODE_ENV !== 'production',
    TRUSTED_DOCUMENTS_MODE: trustedDocumentsMode,
    SUBGRAPH_URLS: subgraphUrls(env),
  };
}

/**
 * @apollo/gateway reads APOLLO_TELEMETRY_DISABLED from process.env when it is
 * constructed, so the parsed setting is written back before the gateway exists.
 */
export function applyGatewayEnvironment(config: Pick<RouterConfig, 'APOLLO_TELEMETRY_DISABLED'>): void {
  if (config.APOLLO_TELEMETRY_DISABLED) process.env.APOLLO_TELEMETRY_DISABLED = 'true';
}
