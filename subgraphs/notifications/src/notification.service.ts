import { notFound, type Caller } from '@agora/subgraph-kit';
import type { NotificationRow } from './db/schema';
import type { NotificationRepository } from './notification.repository';

/** Whether `caller` may see `notification` (its owner only; nobody else learns it exists). */
export function canSee(caller: Caller | null, notification: NotificationRow): boolean {
  return caller?.userId === notification.userId;
}

/** The rules for changing notifications; storage is the repository's. */
export class NotificationService {
  constructor(private readonly notifications: NotificationRepository) {}

  /** Marks the caller's notification read; another user's is as unknown as a missing one. */
  async markRead(caller: Caller, id: string): Promise<NotificationRow> {
    const notification = await this.notifications.markRead(id, caller.userId);
    if (!notification) throw notFound(`No notification of yours has the id ${id}.`);
    return notification;
  }
}
