import {
  errorMessage,
  idempotentHandler,
  type EventEnvelope,
  type SubscribeOptions,
  type Subscriber,
} from '@agora/events';
import type { NotificationsDb } from './db';
import type { MailTransport } from './mail';
import { NotificationsRepository } from './notifications.repository';
import { mailText, orderNotice } from './order-notices';
import type { RecipientDirectory } from './recipients';

/** The consumer name: its queue is `notifications.events`, its rows in handled_events say so. */
export const CONSUMER = 'notifications';

export interface NotificationsConsumerOptions {
  db: NotificationsDb;
  subscriber: Subscriber;
  recipients: RecipientDirectory;
  mail: MailTransport;
  /** Retry settings (tests shorten them); the transport's defaults otherwise. */
  subscribeOptions?: SubscribeOptions;
}

/**
 * Turns order events into notifications. Per event, in the handler's transaction
 * (which also records the event id, so a redelivery does nothing): look the
 * recipient up in accounts, write the notification, mail it, record the delivery.
 * Accounts or the mail transport failing throws, rolling everything back so the
 * event is retried with back-off and dead-lettered after the last attempt. The mail
 * is sent before the commit: should the commit itself fail, the retry mails again
 * (at least once, never silently lost).
 */
export async function startNotificationsConsumer(options: NotificationsConsumerOptions): Promise<void> {
  const { db, recipients, mail } = options;
  const repository = new NotificationsRepository(db.db);

  const notify = idempotentHandler(
    db.db,
    CONSUMER,
    async (event: EventEnvelope<'OrderConfirmed' | 'OrderCancelled'>, tx) => {
      const notice = orderNotice(event);
      const recipient = await recipients.recipient(notice.userId);
      const notification = await repository.insert(notice, tx);
      if (!recipient) {
        // The user is gone from accounts: retrying cannot help, the in-app notice stays.
        await repository.recordDelivery(
          { notificationId: notification.id, channel: 'email', status: 'failed', error: 'no such user in accounts' },
          tx,
        );
        return;
      }
      try {
        await mail.send({ to: recipient.email, subject: notice.title, text: mailText(notice, recipient) });
      } catch (error) {
        throw new Error(`mail to user ${notice.userId} failed: ${errorMessage(error)}`);
      }
      await repository.recordDelivery(
        { notificationId: notification.id, channel: 'email', status: 'sent', sentAt: new Date() },
        tx,
      );
    },
  );

  await options.subscriber.subscribe(
    CONSUMER,
    { OrderConfirmed: notify, OrderCancelled: notify },
    options.subscribeOptions,
  );
}
