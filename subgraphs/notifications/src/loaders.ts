import DataLoader from 'dataloader';
import type { NotificationRow } from './db/schema';
import type { NotificationPosition, NotificationsRepository } from './notifications.repository';

/** One page of one user's notifications: `limit` rows at most, after `after`. */
interface NotificationPageKey {
  userId: string;
  limit: number;
  after: NotificationPosition | null;
}

export interface Loaders {
  notificationById: DataLoader<string, NotificationRow | null>;
  /** Notification count by user id. */
  notificationCount: DataLoader<string, number>;
  /** Pages of notifications by user: one query per distinct (limit, after). */
  notificationPages: DataLoader<NotificationPageKey, NotificationRow[], string>;
}

/** Keys that can share one SQL statement: same page size, same cursor. */
function pageShape(key: NotificationPageKey): string {
  return [key.limit, key.after?.createdAt.toISOString() ?? '', key.after?.id ?? ''].join('|');
}

function pageKey(key: NotificationPageKey): string {
  return `${pageShape(key)}|${key.userId}`;
}

async function loadPages(
  repository: NotificationsRepository,
  keys: readonly NotificationPageKey[],
): Promise<NotificationRow[][]> {
  const shapes = new Map<string, NotificationPageKey[]>();
  for (const key of keys) shapes.set(pageShape(key), [...(shapes.get(pageShape(key)) ?? []), key]);
  const pages = new Map<string, NotificationRow[]>();
  await Promise.all(
    [...shapes.values()].map(async (group) => {
      const [{ limit, after }] = group as [NotificationPageKey, ...NotificationPageKey[]];
      const rows = await repository.pageByUser([...new Set(group.map((key) => key.userId))], limit, after);
      for (const key of group) {
        pages.set(
          pageKey(key),
          rows.filter((row) => row.userId === key.userId),
        );
      }
    }),
  );
  return keys.map((key) => pages.get(pageKey(key)) ?? []);
}

/** Created per request: a cache must never outlive one caller's request. */
export function createLoaders(repository: NotificationsRepository): Loaders {
  return {
    notificationById: new DataLoader(async (ids) => {
      const found = await repository.byIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    notificationCount: new DataLoader(async (ids) => {
      const found = await repository.countByUser(ids);
      return ids.map((id) => found.get(id) ?? 0);
    }),
    notificationPages: new DataLoader((keys) => loadPages(repository, keys), { cacheKeyFn: pageKey }),
  };
}
