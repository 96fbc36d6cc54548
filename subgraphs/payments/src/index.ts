import { connectEvents } from '@agora/events';
import { createLogger, runScript, runSubgraph } from '@agora/subgraph-kit';
import { createPaymentsService } from './app';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger('payments', config.LOG_LEVEL);
  const onError = (error: Error): void => log.error({ err: error }, 'payment events');
  const events = await connectEvents({
    amqpUrl: config.AMQP_URL,
    databaseUrl: config.EVENTS_DATABASE_URL,
    onError,
  });
  // The simulated processor until a real provider implements CardProcessor.
  const service = createPaymentsService({
    databaseUrl: config.DATABASE_URL,
    processorTimeoutMs: config.PROCESSOR_TIMEOUT_MS,
    relay: { publisher: events.publisher, intervalMs: config.OUTBOX_RELAY_INTERVAL_MS, onError },
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
