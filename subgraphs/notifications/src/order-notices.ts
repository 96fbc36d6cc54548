import type { EventEnvelope } from '@agora/events';
import type { NotificationKind } from './db/schema';
import type { Recipient } from './recipient-directory';

/** What a user is told about an event: in the shop and, with a greeting, by e-mail. */
export interface Notice {
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  orderId: string;
}

/** The notice for an order event (switching on version once a v2 exists). */
export function orderNotice(event: EventEnvelope<'OrderConfirmed' | 'OrderCancelled'>): Notice {
  const { orderId, userId } = event.payload;
  switch (event.type) {
    case 'OrderConfirmed':
      return {
        userId,
        orderId,
        kind: 'ORDER_CONFIRMED',
        title: 'Your order is confirmed',
        body: `We have received your order ${orderId} and your payment is authorized. We will let you know when it ships.`,
      };
    case 'OrderCancelled': {
      const reason = event.payload.reason.trim();
      return {
        userId,
        orderId,
        kind: 'ORDER_CANCELLED',
        title: 'Your order was cancelled',
        body: `Your order ${orderId} was cancelled${reason ? ` (${reason})` : ''}. Any payment taken is refunded.`,
      };
    }
  }
}

/** The e-mail text of a notice: the notification's body, addressed to the recipient. */
export function mailText(notice: Notice, recipient: Recipient): string {
  return `Hello ${recipient.name},\n\n${notice.body}\n\n— Agora`;
}
