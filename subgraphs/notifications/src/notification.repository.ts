import { isUuid, newestPerOwner, type Executor, type KeysetPosition } from '@agora/postgres';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { schema } from './db';
import { deliveries, notifications, type NewDelivery, type NewNotification, type NotificationRow } from './db/schema';

/** Ids that are not UUIDs cannot be in the table; asking Postgres would fail on the cast. */
function isNotificationId(id: string): boolean {
  return isUuid(id);
}

/**
 * Notifications and their deliveries: data access only (no GraphQL, no rules). A
 * consumer builds one over its handler's transaction, so its writes join it.
 */
export class NotificationRepository {
  constructor(private readonly db: Executor<typeof schema>) {}

  /** Notifications by id, in one query; unknown ids are absent from the map. */
  async byIds(ids: readonly string[]): Promise<Map<string, NotificationRow>> {
    const valid = ids.filter(isNotificationId);
    if (valid.length === 0) return new Map();
    const rows = await this.db.select().from(notifications).where(inArray(notifications.id, valid));
    return new Map(rows.map((row) => [row.id, row]));
  }

  async insert(notification: NewNotification): Promise<NotificationRow> {
    const [row] = await this.db.insert(notifications).values(notification).returning();
    if (!row) throw new Error('insert returned no notification');
    return row;
  }

  async recordDelivery(delivery: NewDelivery): Promise<void> {
    await this.db.insert(deliveries).values(delivery);
  }

  /**
   * Marks `userId`'s notification read, keeping the first read time when it already
   * is; null when the user has no notification with that id.
   */
  async markRead(id: string, userId: string): Promise<NotificationRow | null> {
    if (!isNotificationId(id)) return null;
    const [row] = await this.db
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
      .returning();
    return row ?? null;
  }

  /**
   * Up to `limit` notifications per user, newest first, strictly after `after`: one
   * statement for any number of users (row_number per user, keyset before it).
   */
  async pageByUser(
    userIds: readonly string[],
    limit: number,
    after: KeysetPosition | null,
  ): Promise<NotificationRow[]> {
    const { userId, createdAt, id } = notifications;
    return newestPerOwner(this.db, notifications, { owner: userId, createdAt, id }, userIds, limit, after);
  }

  /** Notification count per user, in one grouped query. */
  async countByUser(userIds: readonly string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .select({ userId: notifications.userId, count: count() })
      .from(notifications)
      .where(inArray(notifications.userId, [...userIds]))
      .groupBy(notifications.userId);
    return new Map(rows.map((row) => [row.userId, row.count]));
  }
}
