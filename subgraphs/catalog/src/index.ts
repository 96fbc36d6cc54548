import { connectEvents } from '@agora/events';
import { runScript, runSubgraph } from '@agora/subgraph-kit';
import { createCatalogService } from './app';
import { loadConfig } from './config';
import { CatalogOutboxRelay } from './events/outbox-relay';

async function main(): Promise<void> {
  const config = loadConfig();
  const service = await createCatalogService({
    mongodbUrl: config.MONGODB_URL,
    mongodbDb: config.MONGODB_DB,
    dataDir: config.CATALOG_DATA_DIR,
  });
  const events = await connectEvents({ amqpUrl: config.AMQP_URL, databaseUrl: config.EVENTS_DATABASE_URL });
  const relay = new CatalogOutboxRelay({ products: service.store.products, publisher: events.publisher });
  relay.start(500);
  await runSubgraph(
    {
      ...service,
      close: async () => {
        // The relay's last pass still needs the store and the transport.
        await relay.stop();
        await events.close();
        await service.close();
      },
    },
    config,
  );
}

runScript(main);
