import { randomUUID } from 'node:crypto';
import type { Caller, IdentitySigner } from '@agora/subgraph-kit';
import { baseContext, createTestDatabase, execute, type OperationResult, type TestDatabase } from '@agora/testing';
import type { SubscribeOptions, Subscriber } from '@agora/events';
import { createNotificationsService, type NotificationsService } from '../src/app';
import { startNotificationsConsumer } from '../src/consumer';
import type { Context } from '../src/context';
import { MIGRATIONS_FOLDER } from '../src/db';
import type { NewNotification, NotificationRow } from '../src/db/schema';
import type { MailMessage, MailTransport } from '../src/mail';
import { NotificationRepository } from '../src/notification.repository';
import { type RecipientDirectory } from '../src/recipient-directory';
import { accountsRecipients } from '../src/recipient-directory.client';

/** Tests read results by path. */
export type Result = OperationResult<Record<string, any>>;

/** Mail is outside I/O: the tests' transport keeps what would have been sent. */
export class RecordingMail implements MailTransport {
  readonly sent: MailMessage[] = [];

  send(message: MailMessage): Promise<void> {
    this.sent.push(message);
    return Promise.resolve();
  }
}

export interface NotificationsHarness {
  service: NotificationsService;
  database: TestDatabase;
  mail: RecordingMail;
  context: (caller?: Caller | null) => Context;
  run: (caller: Caller | null, query: string, variables?: Record<string, unknown>) => Promise<Result>;
  /** Writes a notification straight to the store (API tests need no event to get one). */
  insert: (notification: Partial<NewNotification> & { userId: string }) => Promise<NotificationRow>;
  /** The notification as stored now. */
  stored: (id: string) => Promise<NotificationRow | undefined>;
  /** Starts the consumer of order events from `subscriber`, mailing through `mail`. */
  startConsumer: (subscriber: Subscriber, subscribeOptions?: SubscribeOptions) => Promise<void>;
  stop: () => Promise<void>;
}

/** The API tests start no consumer, so nothing asks for a recipient. */
const noConsumer: RecipientDirectory = {
  recipient: () => Promise.reject(new Error('these tests start no consumer')),
};

/**
 * The notifications service on a database of this test file's own, its GraphQL
 * server started. `accounts` is where recipients are looked up (the real accounts
 * subgraph's URL) when the test starts the consumer.
 */
export async function startNotifications(accounts?: {
  url: string;
  signer: IdentitySigner;
}): Promise<NotificationsHarness> {
  const database = await createTestDatabase('notifications', MIGRATIONS_FOLDER);
  const mail = new RecordingMail();
  const service = createNotificationsService({ databaseUrl: database.url });
  const recipients = accounts
    ? accountsRecipients({ accountsUrl: accounts.url, signer: accounts.signer, timeoutMs: 2_000 })
    : noConsumer;
  await service.server.start();
  const repository = new NotificationRepository(service.db.db);
  const context = (caller: Caller | null = null): Context => service.createContext(baseContext(caller)) as Context;
  return {
    service,
    database,
    mail,
    context,
    run: (caller, query, variables) => execute(service.server, context(caller), query, variables),
    insert: (notification) =>
      repository.insert({
        kind: 'ORDER_CONFIRMED',
        title: 'Your order is confirmed',
        body: 'A test notification.',
        orderId: randomUUID(),
        ...notification,
      }),
    stored: async (id) => (await repository.byIds([id])).get(id),
    startConsumer: (subscriber, subscribeOptions) =>
      startNotificationsConsumer({ db: service.db, subscriber, recipients, mail, subscribeOptions }),
    stop: async () => {
      await service.server.stop();
      await service.close();
      await database.drop();
    },
  };
}

/** A signed-in customer of their own for each test. */
export function customer(): Caller {
  return { userId: randomUUID(), roles: ['customer'] };
}

export const NOTIFICATION_FIELDS = 'id kind title body orderId createdAt readAt';

export const USER_NOTIFICATIONS = `query ($id: ID!, $first: Int, $after: String) {
  _entities(representations: [{ __typename: "User", id: $id }]) {
    ... on User {
      notifications(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { ${NOTIFICATION_FIELDS} } }
      }
    }
  }
}`;

export const MARK_READ = `mutation ($id: ID!) { markNotificationRead(id: $id) { ${NOTIFICATION_FIELDS} } }`;
