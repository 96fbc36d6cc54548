import {
  errorMessage,
  idempotentHandler,
  type EventEnvelope,
  type SubscribeOptions,
  type Subscriber,
} from '@agora/events';
import type { NotificationsDb } from './db';
import type { MailTransport } from './mail';
import { NotificationRepository } from './notification.repository';
import { mailText, orderNotice, type Notice } from './order-notices';
import type { Recipient, RecipientDirectory } from './recipient-directory';

/** The consumer name: its queue is `notifications.events`, its rows in handled_events say so. */
export const CONSUMER = 'notifications';

/**
 * Events handled at once. Each holds a pooled connection for its transaction (the
 * pool has 10), so the GraphQL API keeps connections while a backlog drains.
 */
const DEFAULT_CONCURRENCY = 5;

export interface NotificationsConsumerOptions {
  db: NotificationsDb;
  subscriber: Subscriber;
  recipients: RecipientDirectory;
  mail: MailTransport;
  /** Retry settings (tests shorten them); the transport's defaults otherwise. */
  subscribeOptions?: SubscribeOptions;
}

type OrderEvent = EventEnvelope<'OrderConfirmed' | 'OrderCancelled'>;

/**
 * Turns order events into notifications. Per event: look the recipient up in
 * accounts (before the transaction, so no connection waits on the network), then in
 * one transaction that also records the event id, so a redelivery does nothing:
 * write the notification, mail it, record the delivery. Accounts or the mail
 * transport failing throws, rolling everything back, so the event is retried with
 * back-off and dead-lettered after the last attempt. The mail goes out before the
 * commit: should the commit itself fail, the retry mails again (at least once,
 * never silently lost).
 */
export async function startNotificationsConsumer(options: NotificationsConsumerOptions): Promise<void> {
  const { db, recipients, mail } = options;
  const deliver = (notice: Notice, recipient: Recipient | null) =>
    idempotentHandler(db.db, CONSUMER, async (_event: OrderEvent, tx) => {
      const repository = new NotificationRepository(tx);
      const notification = await repository.insert(notice);
      if (!recipient) {
        // The user is gone from accounts: retrying cannot help, the in-shop notice stays.
        await repository.recordDelivery({
          notificationId: notification.id,
          channel: 'email',
          status: 'failed',
          error: 'no such user in accounts',
        });
        return;
      }
      try {
        await mail.send({ to: recipient.email, subject: notice.title, text: mailText(notice, recipient) });
      } catch (error) {
        throw new Error(`mail to user ${notice.userId} failed: ${errorMessage(error)}`);
      }
      await repository.recordDelivery({
        notificationId: notification.id,
        channel: 'email',
        status: 'sent',
        sentAt: new Date(),
      });
    });

  const notify = async (event: OrderEvent): Promise<void> => {
    const notice = orderNotice(event);
    const recipient = await recipients.recipient(notice.userId);
    await deliver(notice, recipient)(event);
  };

  await options.subscriber.subscribe(
    CONSUMER,
    { OrderConfirmed: notify, OrderCancelled: notify },
    { concurrency: DEFAULT_CONCURRENCY, ...options.subscribeOptions },
  );
}
