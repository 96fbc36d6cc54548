import { connectEvents } from '@agora/events';
import { createLogger, runScript, runSubgraph } from '@agora/subgraph-kit';
import { createNotificationsService } from './app';
import { loadConfig } from './config';
import { LoggingMailTransport } from './mail';
import { accountsRecipients } from './recipients';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('notifications', config.LOG_LEVEL);
  const service = createNotificationsService({
    databaseUrl: config.DATABASE_URL,
    accounts: accountsRecipients({
      accountsUrl: config.ACCOUNTS_URL,
      identitySecret: config.IDENTITY_SECRET,
      timeoutMs: config.ACCOUNTS_TIMEOUT_MS,
    }),
    // No real mail provider yet: e-mails are written to the log.
    mail: new LoggingMailTransport(logger.child({ component: 'mail' })),
  });
  const events = await connectEvents({
    amqpUrl: config.AMQP_URL,
    databaseUrl: config.EVENTS_DATABASE_URL,
    onError: (error) => logger.error({ err: error }, 'event transport error'),
  });
  await service.startConsumer(events.subscriber);
  logger.info(`consuming order events through ${events.transport}`);
  let closing: Promise<void> | undefined;
  // Stop taking events before the database they are written to goes away; once only.
  const close = () =>
    (closing ??= (async () => {
      await events.close();
      await service.close();
    })());
  await runSubgraph({ ...service, close }, config);
}

runScript(main);
