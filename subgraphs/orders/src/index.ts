import { runScript, runSubgraph } from '@agora/subgraph-kit';
import { createOrdersService } from './app';
import { subgraphPorts } from './clients';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
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
  });
  await runSubgraph(service, config);
}

runScript(main);
