import { connectEvents } from '@agora/events';
import { runScript, runSubgraph } from '@agora/subgraph-kit';
import { createSearchService } from './app';
import { loadConfig } from './config';
import { subscribeSearchIndexer } from './indexer';

async function main(): Promise<void> {
  const config = loadConfig();
  const service = createSearchService({ databaseUrl: config.DATABASE_URL });
  const events = await connectEvents({ amqpUrl: config.AMQP_URL, databaseUrl: config.EVENTS_DATABASE_URL });
  await subscribeSearchIndexer(events.subscriber, service.db);
  await runSubgraph(
    {
      ...service,
      close: async () => {
        // Stop taking events before the database they are written to goes.
        await events.close();
        await service.close();
      },
    },
    config,
  );
}

runScript(main);
