import { newestFirstCursor, type KeysetPosition } from '@agora/postgres';
import { createPageLoader, type PageLoader } from '@agora/subgraph-kit';
import DataLoader from 'dataloader';
import type { NotificationRow } from './db/schema';
import type { NotificationRepository } from './notification.repository';

export interface Loaders {
  notificationById: DataLoader<string, NotificationRow | null>;
  /** Notification count by user id. */
  notificationCount: DataLoader<string, number>;
  /** Pages of notifications by user: one query per distinct (limit, after). */
  notificationPages: PageLoader<'userId', KeysetPosition, NotificationRow>;
}

/** Created per request: a cache must never outlive one caller's request. */
export function createLoaders(repository: NotificationRepository): Loaders {
  return {
    notificationById: new DataLoader(async (ids) => {
      const found = await repository.byIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    notificationCount: new DataLoader(async (ids) => {
      const found = await repository.countByUser(ids);
      return ids.map((id) => found.get(id) ?? 0);
    }),
    notificationPages: createPageLoader({
      owner: 'userId',
      pages: (userIds, limit, after) => repository.pageByUser(userIds, limit, after),
      cursor: newestFirstCursor,
    }),
  };
}
