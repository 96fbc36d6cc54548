import path from 'node:path';
import type { SubscribeOptions, Subscriber } from '@agora/events';
import { createSubgraphServer, readSchema, type SubgraphService } from '@agora/subgraph-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { startNotificationsConsumer } from './consumer';
import { contextFactory, type Context } from './context';
import { connectNotificationsDb, type NotificationsDb } from './db';
import type { MailTransport } from './mail';
import type { RecipientDirectory } from './recipient-directory';
import { resolvers } from './resolvers';

const typeDefs = readSchema(path.join(__dirname, '..'));

export interface NotificationsServiceOptions {
  databaseUrl: string;
  /** Where a notification's recipient is looked up (the accounts subgraph). */
  accounts: RecipientDirectory;
  /** Where e-mail goes out (LoggingMailTransport in development). */
  mail: MailTransport;
}

export type NotificationsService = SubgraphService<Context> & {
  db: NotificationsDb;
  /** Starts turning order events from `subscriber` into notifications and e-mail. */
  startConsumer: (subscriber: Subscriber, options?: SubscribeOptions) => Promise<void>;
};

/** The notifications subgraph over its database, ready to serve or to test in-process. */
export function createNotificationsService(options: NotificationsServiceOptions): NotificationsService {
  const db = connectNotificationsDb(options.databaseUrl);
  return {
    name: 'notifications',
    server: createSubgraphServer<Context, Resolvers>({ typeDefs, resolvers }),
    createContext: contextFactory(db),
    isReady: db.ping,
    pool: db.pool,
    queries: db.queries,
    close: db.close,
    db,
    startConsumer: (subscriber, subscribeOptions) =>
      startNotificationsConsumer({
        db,
        subscriber,
        recipients: options.accounts,
        mail: options.mail,
        subscribeOptions,
      }),
  };
}
