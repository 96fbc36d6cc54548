import { badUserInput, decodeCursor, encodeCursor } from '@agora/subgraph-kit';
import { isNotificationId, type NotificationPosition } from './notifications.repository';

/** The cursor of a notification in a newest-first list: its creation time and id. */
export function notificationCursor(notification: NotificationPosition): string {
  return encodeCursor([notification.createdAt.toISOString(), notification.id]);
}

/** The position an `after` cursor points at; BAD_USER_INPUT when it is not one of ours. */
export function decodeNotificationCursor(cursor: string, field = 'after'): NotificationPosition {
  const [createdAt, id] = decodeCursor(cursor, 2, field);
  const date = typeof createdAt === 'string' ? new Date(createdAt) : null;
  if (!date || Number.isNaN(date.getTime()) || typeof id !== 'string' || !isNotificationId(id)) {
    throw badUserInput(`${field}: is not a valid cursor`, field);
  }
  return { createdAt: date, id };
}
