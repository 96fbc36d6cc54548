import { connectEvents } from '@agora/events';
import { runScript, runSubgraph } from '@agora/subgraph-kit';
import { createRecommendationsService } from './app';
import { loadConfig } from './config';
import { startRecommendationsConsumer } from './consumer';

async function main(): Promise<void> {
  const config = loadConfig();
  const service = createRecommendationsService({ databaseUrl: config.DATABASE_URL });
  const events = await connectEvents({ amqpUrl: config.AMQP_URL, databaseUrl: config.EVENTS_DATABASE_URL });
  await startRecommendationsConsumer({ db: service.db, subscriber: events.subscriber });
  // Requests drain first; then no more events are taken; then the database they wrote to goes.
  const close = async (): Promise<void> => {
    await events.close();
    await service.close();
  };
  await runSubgraph({ ...service, close }, config);
}

runScript(main);
