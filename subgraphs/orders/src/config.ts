import { eventsConfigSchema, outboxEnv } from '@agora/events';
import { databaseEnv, type DatabaseConfig } from '@agora/postgres';
import { parseConfig, subgraphEnv, signerEnv, signingKeyRequiredInProduction } from '@agora/subgraph-kit';
import { z } from 'zod';

const ordersEnv = eventsConfigSchema({
  ...subgraphEnv,
  ...signerEnv,
  ...databaseEnv.shape,
  PORT: z.coerce.number().int().positive().default(4006),
  /** The cart subgraph, locked and read at checkout, and settled after it. */
  CART_URL: z.url().default('http://127.0.0.1:4005/graphql'),
  /** The catalog subgraph, asked for product names to keep on the order lines. */
  CATALOG_URL: z.url().default('http://127.0.0.1:4002/graphql'),
  /** The inventory subgraph, which reserves, commits and releases stock. */
  INVENTORY_URL: z.url().default('http://127.0.0.1:4003/graphql'),
  /** The payments subgraph, which authorizes, captures, voids and refunds. */
  PAYMENTS_URL: z.url().default('http://127.0.0.1:4007/graphql'),
  /** How long inventory holds the stock of a checkout that never finishes. */
  RESERVATION_TTL_SECONDS: z.coerce.number().int().positive().default(900),
  /**
   * How long orders waits for payments. Longer than the simulated processor's own
   * timeout, so a processor time-out comes back as a decline, not as our abort.
   */
  PAYMENTS_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /** A PENDING order untouched this long is a checkout whose process stopped: it is undone and failed. */
  STALLED_CHECKOUT_MS: z.coerce.number().int().positive().default(600_000),
  /** How often stalled checkouts are looked for (and carts left locked are settled). */
  CHECKOUT_RECOVERY_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  /**
   * How long a checkout's lock on the cart lasts if the checkout never lets go of it
   * (its process died). Longer than STALLED_CHECKOUT_MS plus one recovery interval, so
   * the recovery sweep settles the cart before the lock lapses and lets another
   * checkout in.
   */
  CART_LOCK_TTL_SECONDS: z.coerce.number().int().positive().max(86_400).default(900),
  ...outboxEnv,
})
  .superRefine(signingKeyRequiredInProduction('SIGNING_KEY'))
  .superRefine((env, context) => {
    const sweepTakesOverMs = env.STALLED_CHECKOUT_MS + env.CHECKOUT_RECOVERY_INTERVAL_MS;
    if (env.CART_LOCK_TTL_SECONDS * 1000 <= sweepTakesOverMs) {
      context.addIssue({
        code: 'custom',
        path: ['CART_LOCK_TTL_SECONDS'],
        message: `must be longer than STALLED_CHECKOUT_MS + CHECKOUT_RECOVERY_INTERVAL_MS (${sweepTakesOverMs / 1000} s)`,
      });
    }
  });

export type OrdersConfig = z.infer<typeof ordersEnv>;

/** The only reader of process.env in orders (`env` for tests). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): OrdersConfig {
  return parseConfig(ordersEnv, env);
}

/** Migrations need the database only. */
export function loadDatabaseConfig(): DatabaseConfig {
  return parseConfig(databaseEnv);
}
