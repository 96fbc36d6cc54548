import type { BaseContext } from '@agora/subgraph-kit';
import type { NotificationsDb } from './db';
import { createLoaders, type Loaders } from './loaders';
import { NotificationService } from './notification.service';
import { NotificationRepository } from './notification.repository';

export interface Context extends BaseContext {
  notifications: NotificationService;
  loaders: Loaders;
}

/** Builds the per-request context factory over one database handle. */
export function contextFactory(db: NotificationsDb): (base: BaseContext) => Context {
  const repository = new NotificationRepository(db.db);
  const notifications = new NotificationService(repository);
  return (base) => ({ ...base, notifications, loaders: createLoaders(repository) });
}
