import { OutboxRelay, withEventWork } from '@agora/events';
import { createLogger, type BootOptions } from '@agora/subgraph-kit';
import { createPaymentsService, type PaymentsService } from './app';
import type { PaymentsConfig } from './config';

export { loadConfig, type PaymentsConfig as Config } from './config';
export { MIGRATIONS_FOLDER } from './db';
export type Service = PaymentsService;

/**
 * The payments service as the process runs it: the simulated card processor (until a
 * real provider implements CardProcessor), and (background) the relay of its events.
 */
export async function boot(config: PaymentsConfig, options: BootOptions = {}): Promise<PaymentsService> {
  const service = createPaymentsService({
    databaseUrl: config.DATABASE_URL,
    processorTimeoutMs: config.PROCESSOR_TIMEOUT_MS,
  });
  if (options.background === false) return service;
  return withEventWork(service, {
    config,
    log: createLogger('payments', config.LOG_LEVEL),
    start: (events, onError) => {
      const relay = new OutboxRelay({ db: service.db.db, publisher: events.publisher, onError });
      relay.start(config.OUTBOX_RELAY_INTERVAL_MS);
      return Promise.resolve([relay]);
    },
  });
}
