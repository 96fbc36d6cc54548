import { connectEvents } from '@agora/events';
import { createLogger, runScript, runSubgraph } from '@agora/subgraph-kit';
import { createOrdersService } from './app';
import { subgraphPorts } from './clients';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger('orders', config.LOG_LEVEL);
  const onError = (error: Error): void => log.error({ err: error }, 'order events');
  const events = await connectEvents({
    amqpUrl: config.AMQP_URL,
    databaseUrl: config.EVENTS_DATABASE_URL,
    onError,
  });
  const service = createOrdersService({
    databaseUrl: config.DATABASE_URL,
    ports: subgraphPorts({
      urls: {
        cart: config.CART_URL,
        catalog: config.CATALOG_URL,
        inventory: config.INVENTORY_URL,
        payments: config.PAYMENTS_URL,
      },
      identitySecret: config.IDENTITY_SECRET,
      paymentsTimeoutMs: config.PAYMENTS_TIMEOUT_MS,
    }),
    reservationTtlSeconds: config.RESERVATION_TTL_SECONDS,
    cartLockTtlSeconds: config.CART_LOCK_TTL_SECONDS,
    relay: { publisher: events.publisher, intervalMs: config.OUTBOX_RELAY_INTERVAL_MS, onError },
    recovery: { intervalMs: config.CHECKOUT_RECOVERY_INTERVAL_MS, stalledAfterMs: config.STALLED_CHECKOUT_MS, log },
  });
  await runSubgraph(
    {
      ...service,
      // The relay stops (with the database) before the transport it publishes to.
      close: async () => {
        await service.close();
        await events.close();
      },
    },
    config,
  );
}

runScript(main);
