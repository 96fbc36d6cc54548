import { eventsEnv, outboxEnv } from '@agora/events';
import { databaseEnv, type DatabaseConfig } from '@agora/postgres';
import { parseConfig, subgraphEnv } from '@agora/subgraph-kit';
import { z } from 'zod';

const ordersEnv = z.object({
  ...subgraphEnv,
  ...databaseEnv.shape,
  PORT: z.coerce.number().int().positive().default(4006),
  /** The cart subgraph, read (and emptied) as the user who checks out. */
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
  /** How often stalled checkouts are looked for. */
  CHECKOUT_RECOVERY_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  ...eventsEnv,
  ...outboxEnv,
});

export type OrdersConfig = z.infer<typeof ordersEnv>;

/** The only reader of process.env in orders. */
export function loadConfig(): OrdersConfig {
  return parseConfig(ordersEnv);
}

/** Migrations need the database only. */
export function loadDatabaseConfig(): DatabaseConfig {
  return parseConfig(databaseEnv);
}
