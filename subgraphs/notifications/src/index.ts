import { withEventWork } from '@agora/events';
import { type BootOptions, breakerSettingsOf, createLogger, serviceSignerOf } from '@agora/subgraph-kit';
import { createNotificationsService, type NotificationsService } from './app';
import type { NotificationsConfig } from './config';
import { startNotificationsConsumer } from './consumer';
import { LoggingMailTransport, type MailTransport } from './mail';
import { accountsRecipients } from './recipient-directory.client';

export { loadConfig, type NotificationsConfig as Config } from './config';
export { MIGRATIONS_FOLDER } from './db';
export type { MailMessage, MailTransport } from './mail';
export type Service = NotificationsService;

export interface NotificationsBootOptions extends BootOptions {
  /** Where e-mails go (default: the log, until a real mail provider is wired). */
  mail?: MailTransport;
}

/** The notifications service as the process runs it: recipients from accounts, and (background) the consumer of order events. */
export async function boot(
  config: NotificationsConfig,
  options: NotificationsBootOptions = {},
): Promise<NotificationsService> {
  const logger = createLogger('notifications', config.LOG_LEVEL);
  const signer = await serviceSignerOf('notifications', config);
  const service = Object.assign(createNotificationsService({ databaseUrl: config.DATABASE_URL }), { signer });
  if (options.background === false) return service;
  const recipients = accountsRecipients({
    accountsUrl: config.ACCOUNTS_URL,
    signer,
    timeoutMs: config.ACCOUNTS_TIMEOUT_MS,
    breaker: breakerSettingsOf(config),
  });
  const mail = options.mail ?? new LoggingMailTransport(logger.child({ component: 'mail' }));
  return withEventWork(service, {
    config,
    log: logger,
    start: async (events) => {
      await startNotificationsConsumer({ db: service.db, subscriber: events.subscriber, recipients, mail });
      return [];
    },
  });
}
