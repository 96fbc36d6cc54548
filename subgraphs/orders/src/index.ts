import { OutboxRelay, withEventWork } from '@agora/events';
import { type BootOptions, breakerSettingsOf, createLogger, serviceSignerOf } from '@agora/subgraph-kit';
import { createOrdersService, type OrdersService } from './app';
import type { CheckoutPorts } from './checkout/ports';
import { subgraphPorts } from './clients';
import type { OrdersConfig } from './config';

export { loadConfig, type OrdersConfig as Config } from './config';
export { MIGRATIONS_FOLDER } from './db';
export type Service = OrdersService;

export interface OrdersBootOptions extends BootOptions {
  /** The services checkout talks to (default: the real subgraphs at the configured URLs). */
  ports?: CheckoutPorts;
}

/**
 * The orders service as the process runs it: checkout over cart, catalog, inventory
 * and payments, and (background) the relay of its order events and the recovery of
 * stalled checkouts.
 */
export async function boot(config: OrdersConfig, options: OrdersBootOptions = {}): Promise<OrdersService> {
  const log = createLogger('orders', config.LOG_LEVEL);
  const background = options.background !== false;
  const signer = await serviceSignerOf('orders', config);
  const created = createOrdersService({
    databaseUrl: config.DATABASE_URL,
    ports:
      options.ports ??
      subgraphPorts({
        urls: {
          cart: config.CART_URL,
          catalog: config.CATALOG_URL,
          inventory: config.INVENTORY_URL,
          payments: config.PAYMENTS_URL,
        },
        signer,
        paymentsTimeoutMs: config.PAYMENTS_TIMEOUT_MS,
        breaker: breakerSettingsOf(config),
      }),
    reservationTtlSeconds: config.RESERVATION_TTL_SECONDS,
    cartLockTtlSeconds: config.CART_LOCK_TTL_SECONDS,
    recovery: background
      ? { intervalMs: config.CHECKOUT_RECOVERY_INTERVAL_MS, stalledAfterMs: config.STALLED_CHECKOUT_MS, log }
      : undefined,
  });
  const service = Object.assign(created, { signer });
  if (!background) return service;
  return withEventWork(service, {
    config,
    log,
    start: (events, onError) => {
      const relay = new OutboxRelay({ db: service.db.db, publisher: events.publisher, onError });
      relay.start(config.OUTBOX_RELAY_INTERVAL_MS);
      return Promise.resolve([relay]);
    },
  });
}
