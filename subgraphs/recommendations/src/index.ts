import { connectEvents } from '@agora/events';
import { runScript, runSubgraph } from '@agora/subgraph-kit';
import { createRecommendationsService } from './app';
import { loadConfig } from './config';
import { startRecommendationsConsumer } from './consumer';

/**
 * Runs `stop` on SIGINT/SIGTERM, then exits. Registered before the server starts, so
 * it runs before Apollo's own signal handler and the kit's: both of those call
 * ApolloServer.stop() again while the first call drains, and @apollo/server never
 * resolves such a second call. Other subgraphs exit anyway once nothing is left to
 * run; the event consumer's timers would keep this process alive for ever.
 */
function stopFirstOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (): void => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('recommendations: shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}

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
  stopFirstOnSignals(async () => {
    await service.server.stop();
    await close();
  });
  await runSubgraph({ ...service, close }, config);
}

runScript(main);
